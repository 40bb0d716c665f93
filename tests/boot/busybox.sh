# BusyBox in WasmLinux, on the native host and under Node.js: the
# scenarios of tests/scenarios/ run inside it (each prints ok/FAIL lines),
# a script on standard input and its exit status.

for h in native node; do
	p=$(host_prefix $h)
	scenario_fs $h "$out/fs-$h"

	for s in tests/scenarios/*.sh; do
		name=$(basename "$s" .sh)
		[ "$name" = lib ] && continue
		echo "sh /tests/$name.sh" |
			timeout 300 "$(host_bin $h)" --load "$out/fs-$h" > "$out/bb-$h-$name" 2>&1
		status=$?
		report "$out/bb-$h-$name" "${p}busybox $name: "
		verdict "${p}busybox $name: the scenario runs to its end" "$out/bb-$h-$name" \
			'expect_status "bb-$h-$name" 0' 'has "bb-$h-$name" "^ok "'
	done

	echo 'uname -a; echo "$((6 * 7))"; exit 3' |
		timeout 60 "$(host_bin $h)" > "$out/bb-$h-pipe" 2>&1
	status=$?
	verdict "${p}echo '...; exit 3' | wasmlinux: only the script's output, status 3" "$out/bb-$h-pipe" \
		'expect_status "bb-$h-pipe" 3' 'has "bb-$h-pipe" "^Linux wasmlinux 6\.12"' \
		'has "bb-$h-pipe" "^42\$"' '[ "$(wc -l < "$out/bb-$h-pipe")" -eq 2 ]'

	# On one processor a thread waiting for the CPU sleeps at once (no
	# watch, runtime/host.c and web/host-ops.mjs): a pipe still carries
	# all its bytes between two processes.
	echo 'dd if=/dev/zero bs=65536 count=256 2> /dev/null | wc -c' |
		timeout 120 taskset -c 0 "$(host_bin $h)" > "$out/bb-$h-onecpu" 2>&1
	status=$?
	verdict "${p}on one processor (taskset -c 0), 16 MiB through a pipe between two processes" \
		"$out/bb-$h-onecpu" 'expect_status "bb-$h-onecpu" 0' 'has "bb-$h-onecpu" "^16777216\$"'
done
