#!/bin/sh
# fork (bench/fork-bench.c) on the host's Linux and in WasmLinux, on both
# hosts, in this run; appends to $build/bench/results.txt.
set -eu
build=${1:-build}
dir=$build/bench
results=$dir/results.txt
say() { echo "$*" | tee -a "$results"; }

mkdir -p "$dir/fork/bin"
gcc -O2 -o "$dir/fork-native" bench/fork-bench.c
"$build/bin/wasm32-linux-musl-cc" -O2 -o "$dir/fork/bin/fork-bench" bench/fork-bench.c
# (translated ahead, so that the native run does not time wasm2c)
"$build/bin/wasmlinux" compile "$dir/fork/bin/fork-bench" -o "$dir/fork-cache" > /dev/null
for mb in 1 64; do
	# (fewer under Node, where a child is a worker)
	"$dir/fork-native" $mb 500 > "$dir/fork-native.txt"
	"$build/bin/wasmlinux" --cache "$dir/fork-cache" --load "$dir/fork" quiet \
		--exec /bin/fork-bench $mb 500 > "$dir/fork-wasm.txt" 2> "$dir/fork-wasm.log"
	WASMLINUX_BUILD="$build" node web/cli.mjs --load "$dir/fork" quiet \
		--exec /bin/fork-bench $mb 50 > "$dir/fork-node.txt" 2> "$dir/fork-node.log"
	k=fork_exit_wait_${mb}mb_per_s
	val() { tr -d '\r' < "$dir/fork-$1.txt" | awk -v k="$k" '$1 == k { print $2 }'; }
	n=$(val native) w=$(val wasm) j=$(val node)
	say "$k: native $n, wasmlinux $w ($(echo "scale=4; $w / $n" | bc) of native), node $j ($(echo "scale=4; $j / $n" | bc) of native)"
done
