#!/bin/sh
# Benchmarks of the web host: BusyBox workloads under Node.js (web/cli.mjs,
# the script piped into the initramfs's shell), each against the native
# wasmlinux program and BusyBox built for the host, measured in the same
# run; and the page's time from loading to the shell's prompt in headless
# Chromium.  Lines are appended to $build/bench/results.txt.
#   bench/web-bench.sh [BUILD]     (BENCH_RUNS runs each, median; default 3)
set -eu
build=${1:-build}
wl=$build/bin/wasmlinux
nb=$build/userland/native/busybox
dir=$build/bench
runs=${BENCH_RUNS:-3}
mkdir -p "$dir"
results=$dir/results.txt

. "$(dirname "$0")/lib.sh"
node_wl() { WASMLINUX_BUILD="$build" node web/cli.mjs "$@"; }
# ms SCRIPT COMMAND...: milliseconds that COMMAND takes with SCRIPT on stdin
ms() {
	s=$1; shift
	t0=$(now); echo "$s" | "$@" > /dev/null 2>&1 || echo "web-bench: $* failed (status $?)" >&2; t1=$(now)
	echo "($t1 - $t0) / 1000000" | bc
}
ratio() { echo "scale=3; $1 / $2" | bc; }

say "# WasmLinux web host benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, node $(node --version)"

# BusyBox workloads (as bench/run-bench.sh): the same script in WasmLinux,
# natively and under Node.js, and with BusyBox built for the host.  In
# WasmLinux the shell times the workload itself, from /proc/uptime (10 ms
# steps; no process started for it): Node's boot takes long and varies
# more than some workloads take.
if [ -x "$nb" ] && [ -x "$wl" ]; then
	bbt=$dir/webtmp
	mkdir -p "$bbt/bin" "$bbt/wl/tmp"
	for a in sh true dd cat gzip head yes; do ln -sf "$(realpath "$nb")" "$bbt/bin/$a"; done
	yes 'WasmLinux benchmark line 0123456789 abcdefghij' | head -c 16777216 > "$bbt/data"
	cp "$bbt/data" "$bbt/wl/tmp/data"
	# timed SCRIPT COMMAND...: the milliseconds SCRIPT takes in COMMAND's shell
	timed() {
		s=$1 st=0; shift
		printf '%s\n' "read a _ < /proc/uptime; $s" 'read b _ < /proc/uptime' \
			'echo "ms $(( (${b%.*} * 100 + 1${b#*.} - ${a%.*} * 100 - 1${a#*.}) * 10 ))"' |
			"$@" > "$dir/wb-one.log" 2>&1 || st=$?
		t=$(sed -n 's/^ms \([0-9]*\)$/\1/p' "$dir/wb-one.log")
		if [ -n "$t" ]; then echo "$t"; return; fi
		cat "$dir/wb-one.log" >> "$dir/wb-failed.log"
		echo "web-bench: the script did not finish (status $st) in: $*; its output:" >&2
		tail -n 5 "$dir/wb-one.log" | sed 's/^/  | /' >&2
	}

	: > "$dir/wb-boot-w.txt"; : > "$dir/wb-boot-n.txt"
	for _ in $(seq "$runs"); do
		ms 'exit 0' "$wl" --load "$bbt/wl" >> "$dir/wb-boot-w.txt"
		ms 'exit 0' node_wl --load "$bbt/wl" >> "$dir/wb-boot-n.txt"
	done
	boot_w=$(median < "$dir/wb-boot-w.txt"); boot_n=$(median < "$dir/wb-boot-n.txt")
	say "boot to the shell and exit (16 MiB loaded): native wasmlinux $boot_w ms, node web/cli.mjs $boot_n ms (median of $runs)"

	set -- \
		"shell loop of 100000 iterations" 'i=0; while [ $i -lt 100000 ]; do i=$((i + 1)); done' \
		"1000 runs of /bin/true" 'i=0; while [ $i -lt 1000 ]; do true_bin; i=$((i + 1)); done' \
		"256 MiB through dd | cat" 'dd if=/dev/zero bs=65536 count=4096 2>/dev/null | cat > /dev/null' \
		"gzip of 16 MiB" 'gzip -c DATA > /dev/null'
	while [ $# -ge 2 ]; do
		name=$1 script=$2
		shift 2
		ws=$(echo "$script" | sed 's|true_bin|/bin/true|; s|DATA|/tmp/data|')
		ns=$(echo "$script" | sed "s|true_bin|$bbt/bin/true|; s|DATA|$bbt/data|")
		: > "$dir/wb-w.txt"; : > "$dir/wb-n.txt"; : > "$dir/wb-b.txt"
		for _ in $(seq "$runs"); do
			timed "$ws" node_wl --load "$bbt/wl" >> "$dir/wb-n.txt"
			timed "$ws" "$wl" --load "$bbt/wl" >> "$dir/wb-w.txt"
			t0=$(now); PATH="$bbt/bin:$PATH" "$nb" sh -c "$ns" > /dev/null 2>&1; t1=$(now)
			echo "($t1 - $t0) / 1000000" | bc >> "$dir/wb-b.txt"
		done
		n=$(median < "$dir/wb-n.txt"); w=$(median < "$dir/wb-w.txt"); b=$(median < "$dir/wb-b.txt")
		if [ -z "$n" ] || [ -z "$w" ]; then echo "web-bench: busybox $name: no time"; continue; fi
		[ "$n" -lt 1 ] && n=1
		[ "$w" -lt 1 ] && w=1
		[ "$b" -lt 1 ] && b=1
		say "busybox $name: node $n ms, native wasmlinux $w ms, native busybox $b ms;" \
			"node speed / native wasmlinux speed $(ratio "$w" "$n"), node speed / native busybox speed $(ratio "$b" "$n")"
		# issue 12's goals under Node
		case $name in
		*"dd | cat") goal "node: busybox $name at most 2x native busybox ($(echo "scale=2; $n / $b" | bc)x)" "$n <= 2 * $b" ;;
		*/bin/true) goal "node: busybox $name at most 2 ms a process ($(echo "scale=2; $n / 1000" | bc) ms)" "$n <= 2000" ;;
		gzip*) goal "node: busybox $name at most 2x native busybox ($(echo "scale=2; $n / $b" | bc)x)" "$n <= 2 * $b" ;;
		esac
	done
	rm -rf "$bbt"
else
	echo "web-bench: no $wl or $nb (make all): BusyBox workloads skipped"
fi

# The page in headless Chromium: from loading it to the shell's prompt
if [ -x /usr/bin/chromium ] && [ -d "$build/npm/node_modules/playwright-core" ]; then
	timeout -k 10 600 node tests/browser/page-test.mjs "$build" --bench "$runs" > "$dir/wb-page.txt" 2>&1 || true
	first=$(sed -n 's/^first \([0-9]*\) ms$/\1/p' "$dir/wb-page.txt")
	page=$(sed -n 's/^prompt \([0-9]*\) ms$/\1/p' "$dir/wb-page.txt" | median)
	if [ -n "$page" ] && [ -n "$first" ]; then
		say "page in headless Chromium, load to the shell's prompt: first visit $first ms, the visits after it $page ms (median of $runs)"
		goal "page: the shell's prompt at most 1 s after loading, on a second visit ($page ms)" "$page <= 1000"
	else
		echo "web-bench: the page did not reach the prompt:"; cat "$dir/wb-page.txt"
	fi
else
	echo "web-bench: no /usr/bin/chromium or playwright-core: page time skipped"
fi
