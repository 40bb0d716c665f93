#!/bin/sh
# fork (bench/fork-bench.c) on the host's Linux and in WasmLinux, on both
# hosts, in this run; appends to $build/bench/results.txt.
set -eu
build=${1:-build}
. bench/same-source.sh

same_source fork-bench
for mb in 1 64; do
	same_run fork-bench native $mb 500
	same_run fork-bench wasm $mb 500
	# (fewer under Node, where a child is a worker)
	same_run fork-bench node $mb 50
	same_say fork-bench "fork_exit_wait_${mb}mb_per_s"
done
