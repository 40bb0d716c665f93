# Processes: background jobs and wait, kill with and without a handler,
# 500 processes in a loop, a program that traps.
. /tests/lib.sh

sleep 1 &
p1=$!
(sleep 1; exit 7) &
p2=$!
wait $p1
t "wait for a background job" "0" "$?"
wait $p2
t "wait gives a background job's status" "7" "$?"

sleep 100 &
p=$!
kill $p
wait $p
t "kill a sleeping process (SIGTERM kills it)" "143" "$?"

sh -c 'trap "echo caught TERM; exit 5" TERM; sleep 100 & wait' > /tmp/h.out &
p=$!
sleep 1
kill $p
wait $p
t "kill a process with a TERM handler: the handler runs" "5 caught TERM" "$? $(cat /tmp/h.out)"

# (hosts that can interrupt a running program mark it)
if [ -e /tests/async-signals ]; then
	# (hush's wait may give 0 for a job that died at once: test its end)
	sh -c 'while :; do :; done' &
	p=$!
	sleep 1
	kill $p
	wait $p
	t "kill a process that computes without system calls" "gone" \
		"$(kill -0 $p 2>/dev/null && echo alive || echo gone)"
fi

# (POSIX: a script's background commands ignore SIGINT and SIGQUIT, from
# when the shell's child has set that up: a second later)
sleep 100 &
p=$!
sleep 1
kill -INT $p
sleep 1
t "a background command of a script ignores SIGINT" "alive" \
	"$(kill -0 $p 2>/dev/null && echo alive || echo gone)"
kill -TERM $p
wait $p
t "SIGTERM kills a sleeping process" "143" "$?"

i=0
while [ $i -lt 500 ]; do /bin/true || break; i=$((i + 1)); done
t "500 processes in a loop" "500" "$i"
t "no zombies left behind" "0" "$(ps -o stat | grep -c Z)"

if [ -x /tests/raw ]; then
	/tests/raw trap
	t "a program that traps dies of SIGILL" "132" "$?"
	/tests/raw null
	t "a program that writes through NULL dies of SIGSEGV" "139" "$?"
fi
