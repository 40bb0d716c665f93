# Panics and traps end the program with a message and a non-zero status.

run panic --halt wasm_selftest=panic
if expect_status panic 2 && has panic "wasm_selftest: panic" &&
   has panic "kernel panic: wasm_selftest: deliberate panic"; then
	ok "a panic exits 2 with the panic message"
else
	bad "a panic exits 2 with the panic message" "$out/panic"
fi

run trap --halt wasm_selftest=trap
if expect_status trap 3 &&
   has trap "wasm trap: unreachable executed in kernel function wasm_selftest_run"; then
	ok "a wasm trap exits 3 naming the trap and the function"
else
	bad "a wasm trap exits 3 naming the trap and the function" "$out/trap"
fi
