#!/bin/sh
# fork (bench/fork-bench.c) on the host's Linux and in WasmLinux, on both
# hosts, in this run; appends to $build/bench/results.txt, with a line
# for issue 11's goal.
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
	[ "$mb" = 1 ] || continue
	# issue 11's goal: fork of a 1 MiB process within 2x of the host's
	n=$(same_val fork-bench native fork_exit_wait_1mb_per_s)
	w=$(same_val fork-bench wasm fork_exit_wait_1mb_per_s)
	goal "fork of a 1 MiB process within 2x of the host's (native: $(echo "scale=2; $n / $w" | bc)x)" \
		"$w * 2 >= $n"
done
