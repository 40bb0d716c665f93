# The same kernel.wasm under Node.js (web/cli.mjs): workers over a shared
# memory instead of host threads over wasm2c's C.

WASMLINUX_BUILD="$build" timeout 120 node web/cli.mjs demo-pipe --cat /proc/meminfo mem=96M > "$out/node" 2>&1
status=$?
if [ "$status" -eq 0 ] && has node "Linux version 6\.12" &&
   grep -q 'demo-pipe: host read "hello from pid [0-9]*"' "$out/node" &&
   has node "MemTotal: *9[0-9][0-9][0-9][0-9] kB" && has node "reboot: Power down"; then
	ok "node: boots, runs the pipe demo across workers, mem= applies"
else
	bad "node: boots, runs the pipe demo across workers, mem= applies (exit $status)" "$out/node"
fi

WASMLINUX_BUILD="$build" timeout 60 node web/cli.mjs wasm_selftest=panic > "$out/nodepanic" 2>&1
status=$?
if [ "$status" -eq 2 ] && has nodepanic "kernel panic: wasm_selftest: deliberate panic"; then
	ok "node: a panic exits 2 with the panic message"
else
	bad "node: a panic exits 2 with the panic message (exit $status)" "$out/nodepanic"
fi

printf 'typed into node\n' | WASMLINUX_BUILD="$build" timeout 60 node web/cli.mjs --console-input --cat /dev/console > "$out/nodein" 2>&1
status=$?
if [ "$status" -eq 0 ] && [ "$(grep -c '^typed into node' "$out/nodein")" -eq 2 ]; then
	ok "node: standard input reaches /dev/console"
else
	bad "node: standard input reaches /dev/console (exit $status)" "$out/nodein"
fi

# User programs under Node.js: the same raw ABI program and musl test as
# tests/boot/user.sh, in worker threads (web/user.mjs).
# nrun NAME ARGS...: web/cli.mjs, output in $out/NAME, status in $status
nrun() {
	name=$1; shift
	WASMLINUX_BUILD="$build" timeout 120 node web/cli.mjs "$@" > "$out/$name" 2>&1
	status=$?
}

nfs=$out/nfs
mkdir -p "$nfs/bin" "$nfs/tmp"
cp "$build/user/raw.wasm" "$nfs/bin/raw"
cp "$build/user/libc-test.wasm" "$nfs/bin/libc-test"
chmod +x "$nfs/bin/raw" "$nfs/bin/libc-test"

nrun nuhello --load "$nfs" --exec /bin/raw hello
if expect_status nuhello 0 && has nuhello "hello from a user program"; then
	ok "node: init executes a user program that writes to the console"
else
	bad "node: init executes a user program that writes to the console" "$out/nuhello"
fi

nrun nuargs --load "$nfs" --exec /bin/raw args "two words" x
if expect_status nuargs 0 && has nuargs "^/bin/raw args two words x[[:space:]]*$"; then
	ok "node: a user program gets its arguments"
else
	bad "node: a user program gets its arguments" "$out/nuargs"
fi

nrun nuexit --load "$nfs" --exec /bin/raw exit 7
if expect_status nuexit 7 && has nuexit "init exited with status 7"; then
	ok "node: init's exit status is the run's (exit 7)"
else
	bad "node: init's exit status is the run's (exit 7)" "$out/nuexit"
fi

nrun nupid --load "$nfs" --exec /bin/raw pid
if expect_status nupid 0 && has nupid "^1[[:space:]]*$"; then
	ok "node: the executed program is still pid 1"
else
	bad "node: the executed program is still pid 1" "$out/nupid"
fi

nrun nusig --load "$nfs" --exec /bin/raw signal
if expect_status nusig 0 && has nusig "handled SIGUSR1"; then
	ok "node: a signal handler runs when kill() returns"
else
	bad "node: a signal handler runs when kill() returns" "$out/nusig"
fi

nrun nutrap --load "$nfs" --exec /bin/raw trap
if expect_status nutrap 132 && has nutrap "wasm trap: killed by signal 4"; then
	ok "node: a trap in a user program kills it with SIGILL (status 128+4)"
else
	bad "node: a trap in a user program kills it with SIGILL (status 128+4)" "$out/nutrap"
fi

nrun nunull --load "$nfs" --exec /bin/raw null
if expect_status nunull 139 && has nunull "before" && ! has nunull "after"; then
	ok "node: a NULL store in a user program is SIGSEGV before its next system call"
else
	bad "node: a NULL store in a user program is SIGSEGV before its next system call" "$out/nunull"
fi

nrun nuvfork --load "$nfs" --exec /bin/raw vfork
cpid=$(sed -n 's/^child \([0-9]*\).*/\1/p' "$out/nuvfork")
if expect_status nuvfork 0 && [ -n "$cpid" ] && [ "$cpid" != 1 ] &&
   has nuvfork "parent 1 reaped $cpid status 3" &&
   has nuvfork "hello from a user program" && has nuvfork "exec child status 0"; then
	ok "node: vfork, and execve of the child on a worker of its own"
else
	bad "node: vfork, and execve of the child on a worker of its own" "$out/nuvfork"
fi

# the musl test: the same ok lines as the native runtime's
nrun nulibc --load "$nfs" --exec /bin/libc-test
run nulibc-native --load "$nfs" --exec /bin/libc-test
grep '^ok ' "$out/nulibc" | sort > "$out/nulibc.ok"
grep '^ok ' "$out/nulibc-native" | sort > "$out/nulibc-native.ok"
nok=$(wc -l < "$out/nulibc.ok")
if expect_status nulibc 0 && [ "$nok" -gt 0 ] && ! grep -q '^FAIL' "$out/nulibc" &&
   cmp -s "$out/nulibc.ok" "$out/nulibc-native.ok"; then
	ok "node: the musl test program gives the native runtime's $nok ok lines"
else
	diff "$out/nulibc-native.ok" "$out/nulibc.ok" >> "$out/nulibc"
	bad "node: the musl test program gives the native runtime's ok lines" "$out/nulibc"
fi

# A program that the native runtime was not built with: Node.js compiles
# any module; native refuses it (ENOEXEC).  It also traps in ways that map
# to SIGFPE and SIGSEGV.
cat > "$out/extra.c" <<'CEOF'
#include <stdio.h>
#include <string.h>
static volatile int zero;
static int depth(int n) { volatile char b[256]; b[0] = n; return n ? depth(n + 1) + b[0] : 0; }
int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	if (!strcmp(cmd, "fpe")) printf("%d\n", 7 / zero);
	if (!strcmp(cmd, "stack")) printf("%d\n", depth(1));
	if (!strcmp(cmd, "oob")) printf("%d\n", *(volatile int *)0xfffffff0);
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	return argc;
}
CEOF
if WASMLINUX_SYSROOT="$build/sysroot" libc/wasm32-linux-musl-cc -O2 -o "$nfs/bin/extra" "$out/extra.c" > "$out/extra-cc" 2>&1; then
	nrun nuextra --load "$nfs" --exec /bin/extra "a b" c
	if expect_status nuextra 3 && has nuextra "^argv\[0\]=/bin/extra" &&
	   has nuextra "^argv\[1\]=a b" && has nuextra "^argv\[2\]=c"; then
		ok "node: a program compiled in the test runs (not in the native build)"
	else
		bad "node: a program compiled in the test runs (not in the native build)" "$out/nuextra"
	fi
	run nuextra-native --load "$nfs" --exec /bin/extra
	if expect_status nuextra-native 1 && has nuextra-native "Exec format error"; then
		ok "native: the same program is ENOEXEC (not translated at build time)"
	else
		bad "native: the same program is ENOEXEC (not translated at build time)" "$out/nuextra-native"
	fi
	for t in fpe:136 stack:139 oob:139; do
		nrun "nutrap-${t%:*}" --load "$nfs" --exec /bin/extra "${t%:*}"
		if expect_status "nutrap-${t%:*}" "${t#*:}"; then
			ok "node: a user program's ${t%:*} trap is status ${t#*:}"
		else
			bad "node: a user program's ${t%:*} trap is status ${t#*:}" "$out/nutrap-${t%:*}"
		fi
	done
else
	bad "node: wasm32-linux-musl-cc compiles a test program" "$out/extra-cc"
fi

# The shell of the initramfs, a script on standard input (pipes for init)
echo 'uname -a; echo "$((6 * 7))"; exit 3' | WASMLINUX_BUILD="$build" timeout 120 node web/cli.mjs > "$out/nushell" 2>&1
status=$?
if [ "$status" -eq 3 ] && has nushell '^Linux wasmlinux 6\.12' && has nushell '^42$' &&
   [ "$(wc -l < "$out/nushell")" -eq 2 ]; then
	ok "node: echo '...; exit 3' | cli.mjs: the shell runs the script, status 3"
else
	bad "node: echo '...; exit 3' | cli.mjs: the shell runs the script, status 3 (exit $status)" "$out/nushell"
fi

# BusyBox under Node.js: the scenarios of tests/scenarios/ (as in
# busybox.sh), and the terminal test through a pseudo-terminal.
nsfs=$out/nsfs
mkdir -p "$nsfs/tests"
cp tests/scenarios/*.sh "$nsfs/tests/"
cp "$build/user/raw.wasm" "$nsfs/tests/raw"
chmod +x "$nsfs/tests/raw"
for s in tests/scenarios/*.sh; do
	name=$(basename "$s" .sh)
	[ "$name" = lib ] && continue
	echo "sh /tests/$name.sh" | WASMLINUX_BUILD="$build" timeout 300 node web/cli.mjs --load "$nsfs" > "$out/nbb-$name" 2>&1
	status=$?
	if [ "$status" -eq 0 ] && grep -q '^ok ' "$out/nbb-$name"; then
		report "$out/nbb-$name" "node: busybox $name: "
	else
		bad "node: busybox $name: the scenario runs to its end (status $status)" "$out/nbb-$name"
	fi
done

printf '#!/bin/sh\nWASMLINUX_BUILD="%s" exec node "%s/web/cli.mjs" "$@"\n' \
	"$(cd "$build" && pwd)" "$(pwd)" > "$out/wl-node"
chmod +x "$out/wl-node"
timeout 180 python3 tests/tty/tty-test.py "$out/wl-node" > "$out/ntty" 2>&1
report "$out/ntty" "node: "
grep -q '^ok tty: exit 7' "$out/ntty" || bad "node: tty: the terminal test ran to its end" "$out/ntty"
