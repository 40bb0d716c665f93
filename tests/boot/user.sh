# User programs: wasm modules with their own memory, executed by init,
# on the native host and on the web host under Node.js: tests/user/raw.c
# (no libc), tests/user/libc-test.c (the musl port), libc/tests/main-envp.c,
# libc/tests/timers.c and libc/tests/maps.c; natively,
# libc/tests/signal-async.c.

ufs=$out/ufs
mkdir -p "$ufs/bin" "$ufs/tmp"
cp "$build/user/raw.wasm" "$ufs/bin/raw"
cp "$build/user/libc-test.wasm" "$ufs/bin/libc-test"
cp "$build/libc-tests/main-envp.wasm" "$ufs/bin/main-envp"
cp "$build/libc-tests/timers.wasm" "$ufs/bin/timers"
cp "$build/libc-tests/signal-async.wasm" "$ufs/bin/signal-async"
cp "$build/libc-tests/maps.wasm" "$ufs/bin/maps"
printf '\000asm\001\000\000\000' > "$ufs/bin/unknown"
printf 'not a program\n' > "$ufs/bin/junk"
chmod +x "$ufs/bin/"*

for h in native node; do
	p=$(host_prefix $h)
	runx $h "u$h-hello" --load "$ufs" --exec /bin/raw hello
	verdict "${p}init executes a user program that writes to the console" "$out/u$h-hello" \
		'expect_status "u$h-hello" 0' 'has "u$h-hello" "hello from a user program"'
	runx $h "u$h-args" --load "$ufs" --exec /bin/raw args "two words" x
	verdict "${p}a user program gets its arguments" "$out/u$h-args" \
		'expect_status "u$h-args" 0' 'has "u$h-args" "^/bin/raw args two words x[[:space:]]*\$"'
	runx $h "u$h-exit" --load "$ufs" --exec /bin/raw exit 7
	verdict "${p}init's exit status is the run's (exit 7)" "$out/u$h-exit" \
		'expect_status "u$h-exit" 7' 'has "u$h-exit" "init exited with status 7"'
	runx $h "u$h-pid" --load "$ufs" --exec /bin/raw pid
	verdict "${p}the executed program is still pid 1" "$out/u$h-pid" \
		'expect_status "u$h-pid" 0' 'has "u$h-pid" "^1[[:space:]]*\$"'
	runx $h "u$h-sig" --load "$ufs" --exec /bin/raw signal
	verdict "${p}a signal handler runs when kill() returns" "$out/u$h-sig" \
		'expect_status "u$h-sig" 0' 'has "u$h-sig" "handled SIGUSR1"'
	runx $h "u$h-trap" --load "$ufs" --exec /bin/raw trap
	verdict "${p}a trap in a user program kills it with SIGILL (status 128+4)" "$out/u$h-trap" \
		'expect_status "u$h-trap" 132' 'has "u$h-trap" "wasm trap: killed by signal 4"'
	# (the web host catches the store at the next system call: no "after")
	runx $h "u$h-null" --load "$ufs" --exec /bin/raw null
	verdict "${p}a store through NULL is SIGSEGV, not a silent write" "$out/u$h-null" \
		'! has "u$h-null" "^after"' 'expect_status "u$h-null" 139' 'has "u$h-null" "^before"'

	runx $h "u$h-vfork" --load "$ufs" --exec /bin/raw vfork
	cpid=$(sed -n 's/^child \([0-9]*\).*/\1/p' "$out/u$h-vfork")
	verdict "${p}vfork: the child borrows the thread, exits or executes, the parent resumes" \
		"$out/u$h-vfork" '[ -n "$cpid" ]' '[ "$cpid" != 1 ]' 'expect_status "u$h-vfork" 0' \
		'has "u$h-vfork" "parent 1 reaped $cpid status 3"' \
		'has "u$h-vfork" "hello from a user program"' 'has "u$h-vfork" "exec child status 0"'

	runx $h "u$h-libc" --load "$ufs" --exec /bin/libc-test
	report "$out/u$h-libc" "$p"
	verdict "${p}the musl test program runs to its end" "$out/u$h-libc" \
		'expect_status "u$h-libc" 0'

	runx $h "u$h-maps" --load "$ufs" --exec /bin/maps
	report "$out/u$h-maps" "$p"
	verdict "${p}/proc/PID/maps: the test program runs to its end" "$out/u$h-maps" \
		'expect_status "u$h-maps" 0' 'has "u$h-maps" "^PASS maps:"'

	runx $h "u$h-envp" --load "$ufs" --exec /bin/main-envp arg
	verdict "${p}main(argc, argv, envp) gets its arguments and the environment" \
		"$out/u$h-envp" 'expect_status "u$h-envp" 0' 'has "u$h-envp" "^PASS main-envp"'

	runx $h "u$h-timers" --load "$ufs" --exec /bin/timers
	for what in "a recv with a 200 ms SO_RCVTIMEO ends with EAGAIN after it" \
		"a 100 ms ITIMER_VIRTUAL fires in a loop of system calls"; do
		verdict "${p}timers: $what" "$out/u$h-timers" "has u$h-timers '^PASS timers: $what'"
	done

	# The kernel checks a module against the ABI before a host sees it.
	runx $h "u$h-unknown" --load "$ufs" --exec /bin/unknown
	verdict "${p}a module that is not of our ABI is ENOEXEC with the reason" \
		"$out/u$h-unknown" 'expect_status "u$h-unknown" 1' \
		'has "u$h-unknown" "/bin/unknown: it does not import env.memory"' \
		'has "u$h-unknown" "Exec format error"'
done

run ujunk --load "$ufs" --exec /bin/junk
verdict "a file that is no program is ENOEXEC" "$out/ujunk" \
	'expect_status ujunk 1' 'has ujunk "Exec format error"'

# Signals for a program that computes without system calls: only the
# native host interrupts one (the web host delivers at system calls).
runx native unative-sigasync --load "$ufs" --exec /bin/signal-async
for what in "a siglongjmp from a handler leaves a loop in a called function, 100 times" \
	"a siglongjmp from a handler leaves a loop of the function with the sigsetjmp, 100 times" \
	"a handler stops a loop without calls in the function with the sigsetjmp" \
	"a handler leaves the red zone of a leaf function intact, 100 times"; do
	verdict "signal-async: $what" "$out/unative-sigasync" \
		"has unative-sigasync '^PASS signal-async: $what'"
done
verdict "signal-async: the program runs to its end" "$out/unative-sigasync" \
	'expect_status unative-sigasync 0'
