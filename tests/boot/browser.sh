# The page in headless Chromium (tests/browser/page-test.mjs): the kernel
# boots in Web Workers and shows its console in the terminal; a screenshot
# is saved as $build/test-output/page.png.

# (-k: playwright catches SIGTERM to close the browser, and a test stuck
# on a promise then stays; SIGKILL ends it 10 s later)
timeout -k 10 240 node tests/browser/page-test.mjs "$build" > "$out/browser" 2>&1
status=$?
report "$out/browser" ""
# (it exits 1 when it printed a FAIL line, already a verdict)
verdict "the browser test runs to its end or says what failed" "$out/browser" \
	'[ "$status" -eq 0 ] || has browser "^FAIL"'
