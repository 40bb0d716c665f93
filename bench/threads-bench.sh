#!/bin/sh
# Threads (bench/threads-bench.c) on the host's Linux and in WasmLinux,
# on both hosts, in this run; appends to $build/bench/results.txt.
set -eu
build=${1:-build}
. bench/same-source.sh

same_source threads-bench -pthread
# (300 threads: a thread is a worker under Node, which takes long to start)
for h in native wasm node; do same_run threads-bench $h 300 20000; done
same_say threads-bench thread_create_join_per_s
same_say threads-bench futex_pingpong_per_s
