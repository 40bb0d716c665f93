#!/bin/sh
# BusyBox's own testsuite (testsuite/ of Debian's BusyBox source) run
# inside WasmLinux by the initramfs's shell.  Prints the PASS/FAIL/SKIPPED
# counts and fails if a case fails that tests/busybox-known-failures.txt
# does not list (the README says why each of those fails).
set -u
build=${1:-build}
wl=$build/bin/wasmlinux
src=$build/src/busybox/testsuite
out=$build/test-output/busybox-testsuite
rm -rf "$out"
mkdir -p "$out/fs/bbt/bin"
cp -r "$src" "$out/fs/bbt/testsuite"
ln -s /bin/busybox "$out/fs/bbt/bin/busybox"
cp userland/busybox.config "$out/fs/bbt/bin/.config"

echo 'cd /bbt/testsuite && bindir=/bbt/bin SKIP_KNOWN_BUGS=1 sh ./runtest 2>&1' |
	timeout 2400 "$wl" mem=512M --load "$out/fs" > "$out/log" 2>&1
status=$?
pass=$(grep -c '^PASS' "$out/log")
fail=$(grep -c '^FAIL' "$out/log")
skip=$(grep -c '^SKIPPED\|^UNTESTED' "$out/log")
echo "busybox testsuite: $pass passed, $fail failed, $skip skipped (log: $out/log)"
grep '^FAIL: ' "$out/log" | sed 's/^FAIL: //' > "$out/failed"
[ "$pass" -gt 0 ] || echo "busybox testsuite: did not run (status $status)"
. tests/known-failures.sh
check_known "busybox testsuite" "$out/failed" tests/busybox-known-failures.txt "$pass"
