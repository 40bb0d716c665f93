#!/bin/sh
# Benchmarks.  Boot time of wasmlinux (to init, and to power off; median of
# several runs) against an x86 Linux booted by QEMU (TCG, the emulator a user
# would otherwise pick) in the same run; with BENCH_BUILD=1 also the time of
# a clean build.  Results go to $build/bench/results.txt.
set -eu
build=${1:-build}
wl=$build/bin/wasmlinux
dir=$build/bench
runs=${BENCH_RUNS:-7}
mkdir -p "$dir"
results=$dir/results.txt
: > "$results"

. "$(dirname "$0")/lib.sh"

say "# WasmLinux benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"

: > "$dir/init.txt"; : > "$dir/off.txt"
for _ in $(seq "$runs"); do
	t0=$(now)
	"$wl" --halt > "$dir/boot.log" 2>&1
	t1=$(now)
	sed -n 's/.*booted in \([0-9.]*\) ms.*/\1/p' "$dir/boot.log" >> "$dir/init.txt"
	echo "scale=1; ($t1 - $t0) / 1000000" | bc >> "$dir/off.txt"
done
wl_init=$(median < "$dir/init.txt")
wl_off=$(median < "$dir/off.txt")
say "wasmlinux boot to init:      $wl_init ms (median of $runs)"
say "wasmlinux boot to power-off: $wl_off ms (median of $runs)"

# The same kernel under Node.js (web/cli.mjs: workers, shared memory)
: > "$dir/node.txt"
for _ in $(seq "$runs"); do
	t0=$(now)
	WASMLINUX_BUILD="$build" node web/cli.mjs --halt > "$dir/node.log" 2>&1
	t1=$(now)
	echo "scale=1; ($t1 - $t0) / 1000000" | bc >> "$dir/node.txt"
done
node_off=$(median < "$dir/node.txt")
say "node web/cli.mjs boot to power-off: $node_off ms (median of $runs)"
say "boot to power-off, node speed / native wasmlinux speed: $(echo "scale=3; $wl_off / $node_off" | bc)"

# Baseline: QEMU (TCG) booting Debian's x86-64 kernel into an initramfs
# whose /init powers off at once.
kernel=$(ls /boot/vmlinuz-* 2>/dev/null | tail -n 1 || true)
if [ "${BENCH_QEMU:-1}" = 1 ] && { ! command -v qemu-system-x86_64 >/dev/null || [ -z "$kernel" ]; }; then
	echo "bench: installing qemu-system-x86 and linux-image-cloud-amd64 for the baseline"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		qemu-system-x86 linux-image-cloud-amd64 cpio > /dev/null
	kernel=$(ls /boot/vmlinuz-* | tail -n 1)
fi
if command -v qemu-system-x86_64 >/dev/null && [ -n "$kernel" ]; then
	mkdir -p "$dir/initramfs"
	cat > "$dir/init.c" <<'C'
#include <stdio.h>
#include <sys/reboot.h>
int main(void) { puts("init reached"); fflush(stdout); reboot(RB_POWER_OFF); return 0; }
C
	gcc -static -O2 -o "$dir/initramfs/init" "$dir/init.c"
	(cd "$dir/initramfs" && echo init | cpio -o -H newc --quiet > ../initramfs.cpio)
	: > "$dir/qemu.txt"
	for _ in $(seq "$runs"); do
		t0=$(now)
		timeout 120 qemu-system-x86_64 -nographic -no-reboot -m 128M \
			-kernel "$kernel" -initrd "$dir/initramfs.cpio" \
			-append "console=ttyS0 quiet panic=-1" > "$dir/qemu.log" 2>&1
		t1=$(now)
		grep -q "init reached" "$dir/qemu.log" ||
			{ echo "bench: qemu did not reach init"; exit 1; }
		echo "scale=1; ($t1 - $t0) / 1000000" | bc >> "$dir/qemu.txt"
	done
	q_off=$(median < "$dir/qemu.txt")
	say "qemu-system-x86_64 (TCG) boot to power-off: $q_off ms ($(basename "$kernel"))"
	say "boot to power-off, wasmlinux speed / qemu speed: $(echo "scale=1; $q_off / $wl_off" | bc)"
fi

# System calls, pipes and processes: the same code (bench-common.c) on the
# host's Linux and inside WasmLinux, in this run.
"$build/bench/bench-native" > "$dir/ops-native.txt"
"$build/bench/bench-wasmlinux" > "$dir/ops-wasm.txt" 2> "$dir/ops-wasm.log"
val() { awk -v k="$2" '$2 == k { print $3 }' "$dir/ops-$1.txt"; }
# speed of wasmlinux relative to native (above 1: faster)
speed() {
	n=$(val native "$1"); w=$(val wasm "$1")
	if [ "$2" = time ]; then r=$(echo "scale=3; $n / $w" | bc); else r=$(echo "scale=3; $w / $n" | bc); fi
	say "$1: native $n, wasmlinux $w, wasmlinux speed / native speed $r"
}
speed getpid_ns time
speed pipe_MBps rate
speed spawn_exit_per_s rate

# BusyBox workloads: the same script in WasmLinux (the initramfs's
# BusyBox, piped into the shell) and with BusyBox built for the host.
# WasmLinux times include its boot, measured on its own and subtracted.
nb=$build/userland/native/busybox
if [ -x "$nb" ]; then
	bbt=$dir/bbtmp
	mkdir -p "$bbt/bin"
	for a in sh true dd cat gzip head yes; do ln -sf "$(realpath "$nb")" "$bbt/bin/$a"; done
	yes 'WasmLinux benchmark line 0123456789 abcdefghij' | head -c 16777216 > "$bbt/data"
	mkdir -p "$bbt/wl/tmp"
	cp "$bbt/data" "$bbt/wl/tmp/data"
	# name, script (one line, run by sh)
	set -- \
		"shell loop of 100000 iterations" 'i=0; while [ $i -lt 100000 ]; do i=$((i + 1)); done' \
		"1000 runs of /bin/true" 'i=0; while [ $i -lt 1000 ]; do true_bin; i=$((i + 1)); done' \
		"256 MiB through dd | cat" 'dd if=/dev/zero bs=65536 count=4096 2>/dev/null | cat > /dev/null' \
		"gzip of 16 MiB" 'gzip -c DATA > /dev/null'
	: > "$dir/bb-boot.txt"
	for _ in $(seq "$runs"); do
		t0=$(now); echo 'exit 0' | "$wl" > /dev/null 2>&1; t1=$(now)
		echo "($t1 - $t0) / 1000000" | bc >> "$dir/bb-boot.txt"
	done
	bb_boot=$(median < "$dir/bb-boot.txt")
	t0=$(now); for _ in $(seq "$runs"); do "$nb" sh -c 'exit 0'; done; t1=$(now)
	nat_sh=$(echo "scale=2; ($t1 - $t0) / 1000000 / $runs" | bc)
	say "boot to the shell and exit (echo exit | wasmlinux): $bb_boot ms; native busybox sh -c exit: $nat_sh ms"
	# issue 12: the boot to the shell takes at most 60 ms whatever mem=
	# is, up to 1 GiB
	: > "$dir/bb-boot-1g.txt"
	for _ in $(seq "$runs"); do
		t0=$(now); echo 'exit 0' | "$wl" mem=1G > /dev/null 2>&1; t1=$(now)
		echo "($t1 - $t0) / 1000000" | bc >> "$dir/bb-boot-1g.txt"
	done
	bb_boot_1g=$(median < "$dir/bb-boot-1g.txt")
	say "boot to the shell and exit with mem=1G: $bb_boot_1g ms"
	goal "boot to the shell at most 60 ms, with the default memory and mem=1G ($bb_boot and $bb_boot_1g ms)" \
		"$bb_boot <= 60 && $bb_boot_1g <= 60"
	while [ $# -ge 2 ]; do
		name=$1 script=$2
		shift 2
		ws=$(echo "$script" | sed 's|true_bin|/bin/true|; s|DATA|/tmp/data|')
		ns=$(echo "$script" | sed "s|true_bin|$bbt/bin/true|; s|DATA|$bbt/data|")
		: > "$dir/bb-w.txt"; : > "$dir/bb-n.txt"
		for _ in 1 2 3; do
			t0=$(now); echo "$ws" | "$wl" --load "$bbt/wl" > /dev/null 2>&1; t1=$(now)
			echo "($t1 - $t0) / 1000000 - $bb_boot" | bc >> "$dir/bb-w.txt"
			t0=$(now); PATH="$bbt/bin:$PATH" "$nb" sh -c "$ns" > /dev/null 2>&1; t1=$(now)
			echo "($t1 - $t0) / 1000000" | bc >> "$dir/bb-n.txt"
		done
		w=$(median < "$dir/bb-w.txt"); n=$(median < "$dir/bb-n.txt")
		[ "$w" -lt 1 ] && w=1
		say "busybox $name: native $n ms, wasmlinux $w ms, wasmlinux speed / native speed $(echo "scale=3; $n / $w" | bc)"
		# issue 12's goals for these workloads: at most F times native
		case $name in
		*"dd | cat") f=2 ;;
		*/bin/true) f=1 ;;
		gzip*) f=1.3 ;;
		*) f= ;;
		esac
		[ -z "$f" ] || goal "busybox $name at most ${f}x native ($(echo "scale=2; $w / $n" | bc)x)" "$w <= $f * $n"
	done
fi

# The BusyBox workloads under Node and the page's load to the prompt
# (bench/web-bench.sh appends to the same results).
bench/web-bench.sh "$build" || say "web benchmarks failed (see above)"
# Programs translated on demand (bench/translate-bench.sh, same results).
bench/translate-bench.sh "$build" || say "translation benchmarks failed (see above)"
# The ports against their sources built for the host (bench/ports-bench.sh).
bench/ports-bench.sh "$build" || say "ports benchmarks failed (see above)"
# A program's system calls and a pipe ping-pong between two processes,
# on both hosts against the host's (bench/syscall-bench.sh).
bench/syscall-bench.sh "$build" || say "system call benchmarks failed (see above)"
# Threads on both hosts against the host's (bench/threads-bench.sh).
bench/threads-bench.sh "$build" || say "thread benchmarks failed (see above)"
# fork on both hosts against the host's, and what Asyncify costs BusyBox.
bench/fork-bench.sh "$build" || say "fork benchmarks failed (see above)"
bench/asyncify-bench.sh "$build" || say "Asyncify benchmarks failed (see above)"
# TCP on the system's loopback and through the NAT (bench/net-bench.sh).
bench/net-bench.sh "$build" || say "network benchmarks failed (see above)"
# Files on ext4 on a disk against the host's filesystem (bench/disk-bench.sh).
bench/disk-bench.sh "$build" || say "disk benchmarks failed (see above)"
bench/sjlj-bench.sh "$build" || say "setjmp benchmarks failed (see above)"
# The Windows build under Wine against the Linux one (bench/windows-bench.sh).
bench/windows-bench.sh "$build" || say "Windows benchmarks failed (see above)"

if [ "${BENCH_BUILD:-0}" = 1 ]; then
	t0=$(now)
	CCACHE_DISABLE=1 make -j"$(nproc)" BUILD="$dir/clean" all > "$dir/build.log" 2>&1
	t1=$(now)
	say "clean build (no ccache): $(( (t1 - t0) / 1000000000 )) s"
	rm -rf "$dir/clean"
fi
