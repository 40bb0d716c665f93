# User programs: wasm modules with their own memory, executed by init,
# on the native host and on the web host under Node.js: tests/user/raw.c
# (no libc) and tests/user/libc-test.c (the musl port).

ufs=$out/ufs
mkdir -p "$ufs/bin" "$ufs/tmp"
cp "$build/user/raw.wasm" "$ufs/bin/raw"
cp "$build/user/libc-test.wasm" "$ufs/bin/libc-test"
printf '\000asm\001\000\000\000' > "$ufs/bin/unknown"
printf 'not a program\n' > "$ufs/bin/junk"
chmod +x "$ufs/bin/"*

for h in native node; do
	p=$(host_prefix $h)
	runx $h "u$h-hello" --load "$ufs" --exec /bin/raw hello
	check "${p}init executes a user program that writes to the console" \
		"u$h-hello" 0 "hello from a user program"
	runx $h "u$h-args" --load "$ufs" --exec /bin/raw args "two words" x
	check "${p}a user program gets its arguments" "u$h-args" 0 \
		"^/bin/raw args two words x[[:space:]]*$"
	runx $h "u$h-exit" --load "$ufs" --exec /bin/raw exit 7
	check "${p}init's exit status is the run's (exit 7)" "u$h-exit" 7 \
		"init exited with status 7"
	runx $h "u$h-pid" --load "$ufs" --exec /bin/raw pid
	check "${p}the executed program is still pid 1" "u$h-pid" 0 "^1[[:space:]]*$"
	runx $h "u$h-sig" --load "$ufs" --exec /bin/raw signal
	check "${p}a signal handler runs when kill() returns" "u$h-sig" 0 "handled SIGUSR1"
	runx $h "u$h-trap" --load "$ufs" --exec /bin/raw trap
	check "${p}a trap in a user program kills it with SIGILL (status 128+4)" \
		"u$h-trap" 132 "wasm trap: killed by signal 4"
	# (the web host catches the store at the next system call: no "after")
	runx $h "u$h-null" --load "$ufs" --exec /bin/raw null
	if ! has "u$h-null" "^after"; then
		check "${p}a store through NULL is SIGSEGV, not a silent write" \
			"u$h-null" 139 "^before"
	else
		bad "${p}a store through NULL is SIGSEGV, not a silent write" "$out/u$h-null"
	fi

	runx $h "u$h-vfork" --load "$ufs" --exec /bin/raw vfork
	cpid=$(sed -n 's/^child \([0-9]*\).*/\1/p' "$out/u$h-vfork")
	if [ -n "$cpid" ] && [ "$cpid" != 1 ]; then
		check "${p}vfork: the child borrows the thread, exits or executes, the parent resumes" \
			"u$h-vfork" 0 "parent 1 reaped $cpid status 3" \
			"hello from a user program" "exec child status 0"
	else
		bad "${p}vfork: the child borrows the thread, exits or executes, the parent resumes" \
			"$out/u$h-vfork"
	fi

	runx $h "u$h-libc" --load "$ufs" --exec /bin/libc-test
	if expect_status "u$h-libc" 0; then
		report "$out/u$h-libc" "$p"
	else
		bad "${p}the musl test program runs to its end" "$out/u$h-libc"
	fi
done

# Only the native runtime refuses modules it was not built with.
run uunknown --load "$ufs" --exec /bin/unknown
check "an unknown wasm module is ENOEXEC with a message" uunknown 1 \
	"a wasm module that this host cannot run" "Exec format error"
run ujunk --load "$ufs" --exec /bin/junk
check "a file that is no program is ENOEXEC" ujunk 1 "Exec format error"
