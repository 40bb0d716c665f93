#!/bin/sh
# The test suite: each tests/boot/NAME.sh boots build/bin/wasmlinux in the
# ways it needs and states verdicts on what it prints and how it exits.
#
# usage: tests/run-tests.sh [BUILD [NAME...]]
# runs tests/boot/NAME.sh for each NAME (all of them without a NAME),
# prints "N passed, M failed" and fails if anything failed.
set -u
build=${1:-build}
[ $# -gt 0 ] && shift
wl="$build/bin/wasmlinux"

if [ $# -eq 0 ]; then
	set -- tests/boot/*.sh
fi
# (a NAME may also be given as the file, e.g. tests/boot/NAME.sh)
names=
for t; do
	t=${t##*/} t=${t%.sh}
	[ -f "tests/boot/$t.sh" ] || { echo "run-tests.sh: no test tests/boot/$t.sh" >&2; exit 2; }
	names="$names $t"
done
set -- $names

top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
# one line per verdict, "ok" or "FAIL": the tests run in subshells, so
# the counts cannot be shell variables
results=$top/results
: > "$results"
# what the set-up helpers below make once, for any test that asks
shared=$top/shared
mkdir "$shared"

# verdict NAME EVIDENCE CONDITION...: the check NAME passes if every
# CONDITION (shell code, evaluated in turn) holds.  On failure the first
# that does not is shown, then the end of the file EVIDENCE ("": none).
# Every check of every test is one verdict.
verdict() {
	_v_name=$1 _v_evidence=$2 _v_good=0 _v_not="(no condition given)"
	shift 2
	[ $# -gt 0 ] && _v_good=1
	for _v_cond; do
		eval "$_v_cond" || { _v_good=0 _v_not=$_v_cond; break; }
	done
	if [ "$_v_good" = 1 ]; then
		echo ok >> "$results"
		echo "ok   $_v_name"
		return 0
	fi
	echo FAIL >> "$results"
	echo "FAIL $_v_name"
	# (false: the verdict is someone else's, e.g. a test program's FAIL
	# line, which says why itself)
	[ "$_v_not" = false ] || echo "     not: $_v_not"
	if [ -n "$_v_evidence" ]; then
		sed 's/^/     | /' "$_v_evidence" | tail -n 15
	fi
	return 1
}

# run NAME ARGS...: runs wasmlinux (time limit 60 s), output in $out/NAME,
# exit status in $status
run() {
	_r_name=$1; shift
	timeout 60 "$wl" "$@" > "$out/$_r_name" 2>&1
	status=$?
}

# Conditions.  The tests keep their files in $out, their own directory:
# expect_status NAME WANT: the last run ($status) ended with WANT; if not,
# says so at the end of $out/NAME (the evidence)
expect_status() {
	if [ "$status" -eq "$2" ]; then return 0; fi
	echo "     exit status $status, expected $2" >> "$out/$1"
	return 1
}
# has NAME PATTERN: a line of $out/NAME matches PATTERN
has() { grep -q -- "$2" "$out/$1"; }
# stats NAME KEY: the value of KEY in the --stats line of $out/NAME
stats() { sed -n "s/.*stats: .*\\<$2=\\([0-9]*\\).*/\\1/p" "$out/$1"; }

# free_port: a TCP and UDP port of 127.0.0.1 that nothing uses now
free_port() {
	python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]
u = socket.socket(type=socket.SOCK_DGRAM); u.bind(("127.0.0.1", p))
print(p)'
}

# The hosts that run user programs: the native program, and the web host
# under Node.js through a wrapper with the same command line.
wl_node=$shared/wl-node
printf '#!/bin/sh\nWASMLINUX_BUILD="%s" exec node "%s/web/cli.mjs" "$@"\n' \
	"$(cd "$build" && pwd)" "$(pwd)" > "$wl_node"
chmod +x "$wl_node"
# host_bin HOST: the program of HOST (native or node); host_prefix HOST:
# how its checks are named
host_bin() { if [ "$1" = node ]; then echo "$wl_node"; else echo "$wl"; fi; }
host_prefix() { [ "$1" = node ] && echo "node: "; }

# runx HOST NAME ARGS...: as run, on HOST (time limit $runx_limit, else 120 s)
runx() {
	_r_bin=$(host_bin "$1") _r_name=$2; shift 2
	timeout "${runx_limit:-120}" "$_r_bin" "$@" > "$out/$_r_name" 2>&1
	status=$?
}

# report FILE PREFIX: a verdict for each "ok WHAT" or "FAIL WHAT" line
# that a test program printed (it states its own conditions)
report() {
	while read -r _r_word _r_what; do
		case $_r_word in
		ok) verdict "$2$_r_what" "" true ;;
		FAIL) verdict "$2$_r_what" "" false ;;
		esac
	done < "$1"
}

# Set-up that more than one test needs.
#
# boot_log: $out/boot is the log of a plain boot (--halt) and $status its
# exit status.  The boot runs once, for the first test that asks.
boot_log() {
	if [ ! -f "$shared/boot.status" ]; then
		timeout 60 "$wl" --halt > "$shared/boot" 2>&1
		echo $? > "$shared/boot.status"
	fi
	cp "$shared/boot" "$out/boot"
	status=$(cat "$shared/boot.status")
}

# scenario_fs HOST DIR: DIR becomes a tree to --load on HOST: /tests with
# the scenarios of tests/scenarios/ and /tests/raw (tests/user/raw.c), and
# /tests/async-signals where the host interrupts programs that make no
# system calls (the native one)
scenario_fs() {
	mkdir -p "$2/tests"
	cp tests/scenarios/*.sh "$2/tests/"
	cp "$build/user/raw.wasm" "$2/tests/raw"
	chmod +x "$2/tests/raw"
	if [ "$1" = native ]; then : > "$2/tests/async-signals"; fi
}

for t; do
	out=$top/$t
	mkdir "$out"
	# A subshell: what a test sets (variables, functions, files in $out)
	# goes with it, so that no test can lean on another having run.  One
	# that stops early (an unset variable, a syntax error) fails.
	# Programs the native host translates are cached in the test's own
	# directory, not the user's (and not shared with another test).
	( export WASMLINUX_CACHE="$out/.cache"; . "tests/boot/$t.sh"; exit 0 ) ||
		verdict "tests/boot/$t.sh runs to its end" "" false
done

pass=$(grep -c '^ok' "$results")
fail=$(grep -c '^FAIL' "$results")
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
