#!/bin/sh
# System calls from a user program and a pipe ping-pong between two
# processes (bench/syscall-bench.c) on the host's Linux and in WasmLinux,
# on both hosts, in this run; appends to $build/bench/results.txt.
set -eu
build=${1:-build}
. bench/same-source.sh

same_source syscall-bench
for h in native wasm node; do same_run syscall-bench $h 1000000 20000; done
same_say syscall-bench syscall_per_s
same_say syscall-bench pipe_pingpong_per_s
