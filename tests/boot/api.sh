# The embedding API: tests/api/api-test.c reports one line per test.

timeout 120 "$build/tests/api-test" > "$out/api" 2>&1
status=$?
report "$out/api" "api: "
if [ "$status" -ne 0 ] || ! grep -q "shuts down" "$out/api"; then
	bad "api-test ran to the end (exit status $status)" "$out/api"
fi

run demo demo-pipe
if expect_status demo 0 && grep -q 'demo-pipe: host read "hello from pid [0-9]*"' "$out/demo" &&
   ! grep -q 'hello from pid 1"' "$out/demo"; then
	ok "demo-pipe: a new process writes into a kernel pipe, the host reads it"
else
	bad "demo-pipe: a new process writes into a kernel pipe, the host reads it" "$out/demo"
fi
