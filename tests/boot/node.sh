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
