# Timers and host threads.

for h in native node; do
	runx $h sleep-$h --sleep 100
	ms=$(sed -n 's/^wasmlinux: slept 100 ms in \([0-9]*\)\..*/\1/p' "$out/sleep-$h")
	verdict "$(host_prefix $h)a 100 ms sleep of the init task takes 100..999 ms (took ${ms:-?} ms)" "$out/sleep-$h" \
		"expect_status sleep-$h 0" '[ -n "$ms" ]' '[ "$ms" -ge 100 ]' '[ "$ms" -lt 1000 ]'
done

# stat_of NAME KEY: the value of KEY in the --stats line of $out/NAME
stat_of() { sed -n "s/.*stats: .*$2=\([0-9]*\).*/\1/p" "$out/$1"; }
run k10 --halt --stats wasm_selftest=kthreads:10
run k1000 --halt --stats wasm_selftest=kthreads:1000
c10=$(stat_of k10 contexts); c1000=$(stat_of k1000 contexts)
m10=$(stat_of k10 memory); m1000=$(stat_of k1000 memory)
r10=$(stat_of k10 rss); r1000=$(stat_of k1000 rss)
t1000=$(stat_of k1000 threads)
verdict "1000 kernel threads leave memory flat (contexts $c10/$c1000, linear ${m10}K/${m1000}K, rss ${r10}K/${r1000}K)" "$out/k1000" \
	'has k1000 "kthreads: 1000 started, 1000 stopped"' '[ -n "$c10" ]' \
	'[ "${t1000:-0}" -ge 1000 ]' '[ "$c1000" -le $((c10 + 2)) ]' \
	'[ "$m1000" -le $((m10 + 1024)) ]' '[ "$r1000" -le $((r10 + r10 / 20)) ]'
