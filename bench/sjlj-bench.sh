#!/bin/sh
# setjmp/longjmp (bench/sjlj-bench.c) on the host's Linux and in
# WasmLinux, on both hosts, in this run; appends to
# $build/bench/results.txt.
set -eu
build=${1:-build}
dir=$build/bench
results=$dir/results.txt
say() { echo "$*" | tee -a "$results"; }

mkdir -p "$dir/sjlj/bin"
gcc -O2 -o "$dir/sjlj-native" bench/sjlj-bench.c
"$build/bin/wasm32-linux-musl-cc" -O2 -o "$dir/sjlj/bin/sjlj-bench" bench/sjlj-bench.c
# (translated ahead, so that the native run does not time wasm2c)
"$build/bin/wasmlinux" compile "$dir/sjlj/bin/sjlj-bench" -o "$dir/sjlj-cache" > /dev/null
"$dir/sjlj-native" > "$dir/sjlj-native.txt"
"$build/bin/wasmlinux" --cache "$dir/sjlj-cache" --load "$dir/sjlj" quiet \
	--exec /bin/sjlj-bench > "$dir/sjlj-wasm.txt" 2> "$dir/sjlj-wasm.log"
WASMLINUX_BUILD="$build" node web/cli.mjs --load "$dir/sjlj" quiet \
	--exec /bin/sjlj-bench 1000000 > "$dir/sjlj-node.txt" 2> "$dir/sjlj-node.log"
val() { tr -d '\r' < "$dir/sjlj-$1.txt" | awk -v k="$2" '$1 == k { print $2 }'; }
for k in call_ns call_in_setjmp_function_ns setjmp_longjmp_ns; do
	say "sjlj $k: native $(val native $k), wasmlinux $(val wasm $k), node $(val node $k)"
done
