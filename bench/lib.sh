# Sourced by the bench scripts: what they all use.  $results is the file
# the figures are appended to (each script sets it).
# now: nanoseconds of wall time
now() { date +%s%N; }
# median: of the numbers on standard input, a line each
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# say LINE: printed, and appended to the results
say() { echo "$*" | tee -a "$results"; }
# goal WHAT CONDITION: a line saying whether WHAT is met; CONDITION is an
# expression bc evaluates to 1 or 0
goal() { if [ "$(echo "$2" | bc)" = 1 ]; then say "goal met: $1"; else say "goal NOT met: $1"; fi; }
