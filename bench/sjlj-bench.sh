#!/bin/sh
# setjmp/longjmp (bench/sjlj-bench.c) on the host's Linux and in
# WasmLinux, on both hosts, in this run; appends to
# $build/bench/results.txt.
set -eu
build=${1:-build}
. bench/same-source.sh

same_source sjlj-bench
same_run sjlj-bench native
same_run sjlj-bench wasm
same_run sjlj-bench node 1000000
for k in call_ns call_in_setjmp_function_ns setjmp_longjmp_ns; do
	say "sjlj $k: native $(same_val sjlj-bench native $k), wasmlinux $(same_val sjlj-bench wasm $k), node $(same_val sjlj-bench node $k)"
done
