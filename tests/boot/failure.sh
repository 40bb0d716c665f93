# Panics and traps end the program with a message and a non-zero status.

run panic --halt wasm_selftest=panic
verdict "a panic exits 2 with the panic message" "$out/panic" \
	'expect_status panic 2' 'has panic "wasm_selftest: panic"' \
	'has panic "kernel panic: wasm_selftest: deliberate panic"'

run trap --halt wasm_selftest=trap
verdict "a wasm trap exits 3 naming the trap and the function" "$out/trap" \
	'expect_status trap 3' \
	'has trap "wasm trap: unreachable executed in kernel function wasm_selftest_run"'
