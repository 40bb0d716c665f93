#!/bin/sh
# The Windows build (build/windows/, make windows) under Wine against the
# Linux build in this run: boot to power-off, and the BusyBox shell loop
# of 100,000 iterations timed inside from /proc/uptime (so that neither
# Wine's start nor the boot is in it).  Wine adds its own overhead: the
# figures are for orientation.  Appends to $build/bench/results.txt.
set -eu
build=${1:-build}
dir=$build/bench
runs=${BENCH_RUNS:-7}
results=$dir/results.txt
mkdir -p "$dir"
. "$(dirname "$0")/lib.sh"

exe=$build/windows/wasmlinux.exe
if [ ! -x "$exe" ] || ! command -v wine > /dev/null; then
	say "windows: not measured (no $exe or no wine: make windows, scripts/deps.sh)"
	exit 0
fi
# (Wine wants the prefix's path absolute)
export WINEDEBUG=-all WINEPREFIX="$(cd "$dir" && pwd)/wineprefix"
if [ ! -d "$WINEPREFIX" ] && ! wineboot -i > "$dir/wineboot.log" 2>&1; then
	say "windows: wineboot failed (see $dir/wineboot.log)"
	exit 1
fi
# (one run first: Wine's server and the prefix's files warm up)
wine "$exe" --halt > /dev/null 2>&1

# boot_ms HOST: one boot to power-off, in ms
boot_ms() {
	t0=$(now)
	if [ "$1" = wine ]; then wine "$exe" --halt; else "$build/bin/wasmlinux" --halt; fi > /dev/null 2>&1
	t1=$(now)
	echo "($t1 - $t0) / 1000000" | bc
}
# loop_ms HOST: the shell loop's time inside, in ms
loop='read a b < /proc/uptime; i=0; while [ $i -lt 100000 ]; do i=$((i + 1)); done; read c d < /proc/uptime; echo "loop_ms $(( (${c%.*} * 100 + 1${c#*.} - ${a%.*} * 100 - 1${a#*.}) * 10 ))"'
loop_ms() {
	if [ "$1" = wine ]; then echo "$loop" | wine "$exe"; else echo "$loop" | "$build/bin/wasmlinux"; fi 2>/dev/null |
		sed -n 's/^loop_ms //p'
}
for h in linux wine; do
	: > "$dir/win-$h-boot.txt"; : > "$dir/win-$h-loop.txt"
	for _ in $(seq "$runs"); do
		boot_ms $h >> "$dir/win-$h-boot.txt"
	done
	for _ in 1 2 3; do
		loop_ms $h >> "$dir/win-$h-loop.txt"
	done
done
for h in linux wine; do
	[ "$(wc -l < "$dir/win-$h-loop.txt")" = 3 ] ||
		{ say "windows: the shell loop printed no time under $h"; exit 1; }
done
lb=$(median < "$dir/win-linux-boot.txt") wb=$(median < "$dir/win-wine-boot.txt")
ll=$(median < "$dir/win-linux-loop.txt") wl=$(median < "$dir/win-wine-loop.txt")
say "windows under wine, boot to power-off: linux $lb ms, wine $wb ms (median of $runs; wine speed / linux speed $(echo "scale=3; $lb / $wb" | bc))"
say "windows under wine, shell loop of 100000 iterations: linux $ll ms, wine $wl ms (median of 3; wine speed / linux speed $(echo "scale=3; $ll / $wl" | bc))"
