# The same kernel.wasm under Node.js (web/cli.mjs): workers over a shared
# memory instead of host threads over wasm2c's C.

WASMLINUX_BUILD="$build" timeout 120 node web/cli.mjs demo-pipe --cat /proc/meminfo mem=96M > "$out/node" 2>&1
status=$?
verdict "node: boots, runs the pipe demo across workers, mem= applies" "$out/node" \
	'expect_status node 0' 'has node "Linux version 6\.12"' \
	"has node 'demo-pipe: host read \"hello from pid [0-9]*\"'" \
	'has node "MemTotal: *9[0-9][0-9][0-9][0-9] kB"' 'has node "reboot: Power down"'

WASMLINUX_BUILD="$build" timeout 60 node web/cli.mjs wasm_selftest=panic > "$out/nodepanic" 2>&1
status=$?
verdict "node: a panic exits 2 with the panic message" "$out/nodepanic" \
	'expect_status nodepanic 2' 'has nodepanic "kernel panic: wasm_selftest: deliberate panic"'

# (the workers run the build's bundle of their modules, web/build.mk,
# which make has just made: a trap's stack names it)
WASMLINUX_BUILD="$build" timeout 60 node web/cli.mjs wasm_selftest=trap > "$out/nodetrap" 2>&1
status=$?
verdict "node: a wasm trap in the kernel exits 3 naming it, in the workers' bundle" "$out/nodetrap" \
	'expect_status nodetrap 3' 'has nodetrap "wasm trap or host error in a worker"' \
	'has nodetrap "worker-node-bundle\.mjs"'

printf 'typed into node\n' | WASMLINUX_BUILD="$build" timeout 60 node web/cli.mjs --console-input --cat /dev/console > "$out/nodein" 2>&1
status=$?
verdict "node: standard input reaches /dev/console" "$out/nodein" \
	'expect_status nodein 0' '[ "$(grep -c "^typed into node" "$out/nodein")" -eq 2 ]'

# (User programs, BusyBox and the terminal under Node.js: user.sh,
# busybox.sh and tty.sh run on both hosts.)
nfs=$out/nfs
mkdir -p "$nfs/bin"

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
	# (natively, translated when executed: no build has it)
	for h in node native; do
		p=$(host_prefix $h)
		runx $h "nuextra-$h" --load "$nfs" --exec /bin/extra "a b" c
		verdict "${p}a program compiled in the test runs" "$out/nuextra-$h" \
			'expect_status "nuextra-$h" 3' 'has "nuextra-$h" "^argv\[0\]=/bin/extra"' \
			'has "nuextra-$h" "^argv\[1\]=a b"' 'has "nuextra-$h" "^argv\[2\]=c"'
		for kind in fpe:136 stack:139 oob:139; do
			how=${kind%:*} want=${kind#*:}
			runx $h "nutrap-$h-$how" --load "$nfs" --exec /bin/extra "$how"
			verdict "${p}a user program's $how trap is status $want" "$out/nutrap-$h-$how" \
				'expect_status "nutrap-$h-$how" "$want"'
		done
	done
else
	verdict "node: wasm32-linux-musl-cc compiles a test program" "$out/extra-cc" false
fi
