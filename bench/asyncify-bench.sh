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
say() { echo "$*" | tee -a "$results"; }
now() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

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

head -c 16777216 /dev/zero | tr '\0' 'a' > "$a/data"
for v in with without; do
	rm -rf "$a/root" && cp -a "$build/userland/root" "$a/root"
	cp "$a/$v.wasm" "$a/root/bin/busybox"
	mkdir -p "$a/root/data" && cp "$a/data" "$a/root/data/data"
	(cd "$a/root" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --quiet > "../$v.cpio")
	"$wl" compile "$a/$v.wasm" -o "$a/cache" > /dev/null
done
# name, script
set -- "shell loop of 100000 iterations" 'i=0; while [ $i -lt 100000 ]; do i=$((i + 1)); done' \
	"gzip of 16 MiB" 'gzip -c /data/data > /dev/null'
while [ $# -ge 2 ]; do
	name=$1 script=$2
	shift 2
	for host in native node; do
		for v in with without; do
			: > "$a/t.txt"
			for _ in 1 2 3; do
				t0=$(now)
				if [ $host = native ]; then
					echo "$script" | "$wl" --cache "$a/cache" --initramfs "$a/$v.cpio" > /dev/null 2>&1
				else
					echo "$script" | WASMLINUX_BUILD="$build" node web/cli.mjs \
						--initramfs "$a/$v.cpio" > /dev/null 2>&1
				fi
				t1=$(now)
				echo "($t1 - $t0) / 1000000" | bc >> "$a/t.txt"
			done
			eval "t_$v=$(median < "$a/t.txt")"
		done
		say "asyncify: busybox $name ($host, with boot): $t_with ms with Asyncify, $t_without ms without ($(echo "scale=3; $t_with / $t_without" | bc)x)"
	done
done
