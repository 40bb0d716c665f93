# wasmlinux on a terminal, natively and under Node.js:
# tests/tty/tty-test.py drives it through a pseudo-terminal (prompt, line
# editing in the kernel, window size, Ctrl-C, jobs, a trapping program,
# exit status).  Only the native host interrupts a busy program.
for h in native node; do
	p=$(host_prefix $h)
	async=0
	[ $h = native ] && async=1
	# /tests/raw for the trapping program
	scenario_fs $h "$out/fs-$h"
	TTY_TEST_ASYNC=$async timeout 180 python3 tests/tty/tty-test.py \
		"$(host_bin $h)" --load "$out/fs-$h" > "$out/tty-$h" 2>&1
	report "$out/tty-$h" "$p"
	verdict "${p}tty: the terminal test runs to its end" "$out/tty-$h" \
		'has "tty-$h" "^ok tty: exit 7"'
done
