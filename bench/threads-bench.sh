#!/bin/sh
# Threads (bench/threads-bench.c) on the host's Linux and in WasmLinux,
# on both hosts, in this run; appends to $build/bench/results.txt.
set -eu
build=${1:-build}
dir=$build/bench
results=$dir/results.txt
say() { echo "$*" | tee -a "$results"; }

mkdir -p "$dir/thr/bin"
gcc -O2 -pthread -o "$dir/threads-native" bench/threads-bench.c
"$build/bin/wasm32-linux-musl-cc" -O2 -o "$dir/thr/bin/threads-bench" bench/threads-bench.c
# (translated ahead, so that the native run does not time wasm2c)
"$build/bin/wasmlinux" compile "$dir/thr/bin/threads-bench" -o "$dir/thr-cache" > /dev/null
# (300 threads: a thread is a worker under Node, which takes long to start)
args="300 20000"
"$dir/threads-native" $args > "$dir/thr-native.txt"
"$build/bin/wasmlinux" --cache "$dir/thr-cache" --load "$dir/thr" quiet \
	--exec /bin/threads-bench $args > "$dir/thr-wasm.txt" 2> "$dir/thr-wasm.log"
WASMLINUX_BUILD="$build" node web/cli.mjs --load "$dir/thr" quiet \
	--exec /bin/threads-bench $args > "$dir/thr-node.txt" 2> "$dir/thr-node.log"
val() { tr -d '\r' < "$dir/thr-$1.txt" | awk -v k="$2" '$1 == k { print $2 }'; }
for k in thread_create_join_per_s futex_pingpong_per_s; do
	n=$(val native $k) w=$(val wasm $k) j=$(val node $k)
	say "$k: native $n, wasmlinux $w ($(echo "scale=4; $w / $n" | bc) of native), node $j ($(echo "scale=4; $j / $n" | bc) of native)"
done
