# BusyBox in WasmLinux: the scenarios of tests/scenarios/ run inside it
# (each prints ok/FAIL lines), a script on standard input and its exit
# status.

sfs=$out/sfs
mkdir -p "$sfs/tests"
cp tests/scenarios/*.sh "$sfs/tests/"
cp "$build/user/raw.wasm" "$sfs/tests/raw"
chmod +x "$sfs/tests/raw"
: > "$sfs/tests/async-signals"	# the native host interrupts running programs

for s in tests/scenarios/*.sh; do
	name=$(basename "$s" .sh)
	[ "$name" = lib ] && continue
	echo "sh /tests/$name.sh" | timeout 300 "$wl" --load "$sfs" > "$out/bb-$name" 2>&1
	status=$?
	if [ "$status" -eq 0 ] && grep -q '^ok ' "$out/bb-$name"; then
		report "$out/bb-$name" "busybox $name: "
	else
		bad "busybox $name: the scenario runs to its end (status $status)" "$out/bb-$name"
	fi
done

echo 'uname -a; exit 3' | timeout 60 "$wl" > "$out/bb-pipe" 2>&1
status=$?
if [ "$status" -eq 3 ] && grep -q '^Linux wasmlinux 6\.12' "$out/bb-pipe" &&
   [ "$(wc -l < "$out/bb-pipe")" -eq 1 ]; then
	ok "echo 'uname -a; exit 3' | wasmlinux: only the script's output, status 3"
else
	bad "echo 'uname -a; exit 3' | wasmlinux: only the script's output, status 3" "$out/bb-pipe"
fi
