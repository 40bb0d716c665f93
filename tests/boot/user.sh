# User programs: wasm modules with their own memory, executed by init
# (tests/user/raw.c, which needs no libc).

ufs=$out/ufs
mkdir -p "$ufs/bin"
cp "$build/user/raw.wasm" "$ufs/bin/raw"
printf '\000asm\001\000\000\000' > "$ufs/bin/unknown"
printf 'not a program\n' > "$ufs/bin/junk"
chmod +x "$ufs/bin/raw" "$ufs/bin/unknown" "$ufs/bin/junk"

run uhello --load "$ufs" --exec /bin/raw hello
if expect_status uhello 0 && has uhello "hello from a user program"; then
	ok "init executes a user program that writes to the console"
else
	bad "init executes a user program that writes to the console" "$out/uhello"
fi

run uargs --load "$ufs" --exec /bin/raw args "two words" x
if expect_status uargs 0 && has uargs "^/bin/raw args two words x[[:space:]]*$"; then
	ok "a user program gets its arguments"
else
	bad "a user program gets its arguments" "$out/uargs"
fi

run uexit --load "$ufs" --exec /bin/raw exit 7
if expect_status uexit 7 && has uexit "init exited with status 7"; then
	ok "init's exit status is the run's (exit 7)"
else
	bad "init's exit status is the run's (exit 7)" "$out/uexit"
fi

run upid --load "$ufs" --exec /bin/raw pid
if expect_status upid 0 && has upid "^1[[:space:]]*$"; then
	ok "the executed program is still pid 1"
else
	bad "the executed program is still pid 1" "$out/upid"
fi

run usig --load "$ufs" --exec /bin/raw signal
if expect_status usig 0 && has usig "handled SIGUSR1"; then
	ok "a signal handler runs when kill() returns"
else
	bad "a signal handler runs when kill() returns" "$out/usig"
fi

run utrap --load "$ufs" --exec /bin/raw trap
if expect_status utrap 132 && has utrap "wasm trap: killed by signal 4"; then
	ok "a trap in a user program kills it with SIGILL (status 128+4)"
else
	bad "a trap in a user program kills it with SIGILL (status 128+4)" "$out/utrap"
fi

run unull --load "$ufs" --exec /bin/raw null
if expect_status unull 139 && has unull "before" && ! has unull "after"; then
	ok "a NULL store in a user program is SIGSEGV, not a silent write"
else
	bad "a NULL store in a user program is SIGSEGV, not a silent write" "$out/unull"
fi

run uunknown --load "$ufs" --exec /bin/unknown
if expect_status uunknown 1 && has uunknown "a wasm module that this host cannot run" &&
   has uunknown "Exec format error"; then
	ok "an unknown wasm module is ENOEXEC with a message"
else
	bad "an unknown wasm module is ENOEXEC with a message" "$out/uunknown"
fi

run ujunk --load "$ufs" --exec /bin/junk
if expect_status ujunk 1 && has ujunk "Exec format error"; then
	ok "a file that is no program is ENOEXEC"
else
	bad "a file that is no program is ENOEXEC" "$out/ujunk"
fi

run uvfork --load "$ufs" --exec /bin/raw vfork
cpid=$(sed -n 's/^child \([0-9]*\).*/\1/p' "$out/uvfork")
if expect_status uvfork 0 && [ -n "$cpid" ] && [ "$cpid" != 1 ] &&
   has uvfork "parent 1 reaped $cpid status 3" &&
   has uvfork "hello from a user program" && has uvfork "exec child status 0"; then
	ok "vfork: the child borrows the thread, exits or executes, the parent resumes"
else
	bad "vfork: the child borrows the thread, exits or executes, the parent resumes" "$out/uvfork"
fi

# The musl port (tests/user/libc-test.c prints one line per check).
lfs=$out/lfs
mkdir -p "$lfs/bin" "$lfs/tmp"
cp "$build/user/libc-test.wasm" "$lfs/bin/libc-test"
run ulibc --load "$lfs" --exec /bin/libc-test
if expect_status ulibc 0; then
	report "$out/ulibc" ""
else
	bad "the musl test program runs to its end" "$out/ulibc"
fi
