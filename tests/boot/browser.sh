# The page in headless Chromium (tests/browser/page-test.mjs): the kernel
# boots in Web Workers and shows its console in the terminal; a screenshot
# is saved as $build/test-output/page.png.

timeout 240 node tests/browser/page-test.mjs "$build" > "$out/browser" 2>&1
status=$?
report "$out/browser" ""
if [ "$status" -ne 0 ] && ! grep -q '^FAIL' "$out/browser"; then
	bad "the browser test ran (exit status $status)" "$out/browser"
fi
