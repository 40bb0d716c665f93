# Linux's own KUnit suites, run at boot with kunit.enable=1.  The KTAP
# report is checked for failures at every level.

timeout 600 "$wl" --halt kunit.enable=1 > "$out/kunit" 2>&1
status=$?
# suite results are not indented, case results by 4 spaces
suites=$(grep -cE '^\[[ 0-9.]+\] (not )?ok [0-9]+ ' "$out/kunit")
cases=$(grep -cE '^\[[ 0-9.]+\]     ok [0-9]+ ' "$out/kunit")
skipped=$(grep -cE '^\[[ 0-9.]+\]     ok [0-9]+ .*# SKIP' "$out/kunit")
failed=$(grep -c 'not ok' "$out/kunit")
# the evidence: the failures, then how the run ended
grep 'not ok' "$out/kunit" | head -n 20 > "$out/kunit-fail"
tail -n 5 "$out/kunit" >> "$out/kunit-fail"
verdict "kunit: $suites suites, $((cases - skipped)) cases passed, $skipped skipped, $failed failed" "$out/kunit-fail" \
	'expect_status kunit-fail 0' '[ "$suites" -gt 0 ]' '[ "$failed" -eq 0 ]' \
	'has kunit "reboot: Power down"'
