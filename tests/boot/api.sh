# The embedding API: tests/api/api-test.c reports one line per test.

timeout 120 "$build/tests/api-test" > "$out/api" 2>&1
status=$?
report "$out/api" "api: "
verdict "api: api-test runs to its end" "$out/api" \
	'expect_status api 0' 'has api "shuts down"'

run demo demo-pipe
verdict "demo-pipe: a new process writes into a kernel pipe, the host reads it" "$out/demo" \
	'expect_status demo 0' "has demo 'demo-pipe: host read \"hello from pid [0-9]*\"'" \
	"! has demo 'hello from pid 1\"'"
