#!/bin/sh
# What Asyncify (fork, user_abi.h) costs BusyBox, in this run: the module
# as built (Asyncify instruments what can be on the stack at a fork)
# against the same linked module through the same wasm-opt -O2 with
# nothing instrumented (which then cannot fork): size, the ash shell loop
# and gzip of 16 MiB (neither forks), on the native host (both translated
# on demand, with the same flags) and under Node.  Appends to
# $build/bench/results.txt.
set -eu
build=${1:-build}
dir=$build/bench
results=$dir/results.txt
wl=$build/bin/wasmlinux
pre=$build/userland/busybox-pre-asyncify.wasm
. "$(dirname "$0")/lib.sh"

[ -f "$pre" ] || { echo "asyncify-bench: no $pre (make userland)"; exit 1; }
a=$dir/asyncify
rm -rf "$a" && mkdir -p "$a"
feat="--enable-threads --enable-bulk-memory --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int"
# (a custom section at the end: not the built-in program, so translated
# on demand like the other)
cp "$build/userland/busybox.wasm" "$a/with.wasm"
printf '\000\004\003abc' >> "$a/with.wasm"
# shellcheck disable=SC2086
wasm-opt $feat --asyncify --pass-arg=asyncify-imports@none.none \
	--pass-arg=asyncify-ignore-indirect -O2 "$pre" -o "$a/without.wasm"
llvm-strip-19 "$a/without.wasm"
sw=$(stat -c %s "$a/with.wasm") so=$(stat -c %s "$a/without.wasm")
say "asyncify: busybox.wasm $sw bytes with Asyncify, $so without ($(echo "scale=3; $sw / $so" | bc)x)"

yes 'WasmLinux benchmark line 0123456789 abcdefghij' | head -c 16777216 > "$a/data"
for v in with without; do
	mkdir -p "$a/$v/bin" "$a/$v/data"
	cp "$a/$v.wasm" "$a/$v/bin/busybox" && chmod +x "$a/$v/bin/busybox"
	cp "$a/data" "$a/$v/data/data"
	"$wl" compile "$a/$v.wasm" -o "$a/cache" > /dev/null
done

# t HOST VARIANT ARG...: milliseconds (the least of 5: the boot, which
# is taken off, varies by more under Node than gzip takes, and noise only
# adds) for a boot whose init executes /bin/busybox ARG... (no /init, and
# nothing that forks, which the module without Asyncify cannot)
t() {
	host=$1 v=$2
	shift 2
	: > "$a/t.txt"
	for _ in 1 2 3 4 5; do
		t0=$(now)
		if [ "$host" = native ]; then
			"$wl" --cache "$a/cache" --load "$a/$v" --exec /bin/busybox "$@" > /dev/null 2>&1
		else
			WASMLINUX_BUILD="$build" node web/cli.mjs --load "$a/$v" \
				--exec /bin/busybox "$@" > /dev/null 2>&1
		fi
		t1=$(now)
		echo "($t1 - $t0) / 1000000" | bc >> "$a/t.txt"
	done
	sort -n "$a/t.txt" | head -n 1
}

# compare NAME ARG...: with and without Asyncify, the boot (init
# executing `busybox true`) taken off
compare() {
	name=$1
	shift
	for host in native node; do
		w=$(($(t $host with "$@") - $(t $host with true)))
		o=$(($(t $host without "$@") - $(t $host without true)))
		if [ "$w" -le 0 ] || [ "$o" -le 0 ]; then
			say "asyncify: busybox $name ($host): not measured ($w and $o ms: less than the boot's noise)"
			continue
		fi
		say "asyncify: busybox $name ($host): $w ms with Asyncify, $o ms without ($(echo "scale=3; $w / $o" | bc)x)"
		# issue 11's goal: Asyncify slows the shell loop by at most 15%
		if [ "$name" != "${name#ash loop}" ]; then
			goal "Asyncify slows the ash loop by at most 15% ($host: $(echo "scale=2; $w / $o" | bc)x)" \
				"$w <= 1.15 * $o"
		fi
	done
}
compare "ash loop of 100000 iterations" sh -c 'i=0; while [ $i -lt 100000 ]; do i=$((i + 1)); done'
compare "gzip of 16 MiB" gzip -c /data/data
