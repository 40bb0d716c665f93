# wasmlinux on a terminal: tests/tty/tty-test.py drives it through a
# pseudo-terminal (prompt, line editing in the kernel, window size,
# Ctrl-C, jobs, exit status).
TTY_TEST_ASYNC=1 timeout 180 python3 tests/tty/tty-test.py "$wl" --load "$out/sfs" > "$out/tty" 2>&1
report "$out/tty" ""
grep -q '^ok tty: exit 7' "$out/tty" || bad "tty: the terminal test ran to its end" "$out/tty"
