#!/bin/sh
# TCP (bench/net-bench.c) on the host's Linux and in WasmLinux, in this
# run: throughput and connections on the system's own loopback (both
# hosts) against the host's loopback, and throughput from WasmLinux to a
# sink on the host through the user-mode network (the NAT; natively at
# two MTUs, and under Node), against the same sink reached over the
# host's loopback.  Appends to
# $build/bench/results.txt, with a line per goal of issue 13.
set -eu
build=${1:-build}
. bench/same-source.sh
mb=1000

runs=${BENCH_RUNS:-5}
# loop HOST NAME [PARAM]: the loopback figures of $runs boots (they vary
# with how the two processes' host threads meet), each the median, into
# $dir/net-bench-NAME.txt
loop() {
	: > "$dir/net-bench-$2.all"
	for _ in $(seq "$runs"); do
		case $1 in
		native) "$dir/net-bench-native" loop "$mb" ;;
		wasm) "$build/bin/wasmlinux" ${3:-} --cache "$dir/net-bench-cache" \
			--load "$dir/net-bench" quiet --exec /bin/net-bench loop "$mb" 2>> "$dir/net-bench-$2.log" ;;
		node) WASMLINUX_BUILD="$build" node web/cli.mjs ${3:-} --load "$dir/net-bench" quiet \
			--exec /bin/net-bench loop "$mb" 2>> "$dir/net-bench-$2.log" ;;
		esac | tr -d '\r' >> "$dir/net-bench-$2.all"
	done
	for k in tcp_loopback_MBps tcp_connect_per_s; do
		echo "$k $(awk -v k=$k '$1 == k { print $2 }' "$dir/net-bench-$2.all" | median)"
	done > "$dir/net-bench-$2.txt"
}

same_source net-bench
for h in native wasm node; do loop $h $h; done
same_say net-bench tcp_loopback_MBps
same_say net-bench tcp_connect_per_s
# Linux sizes its TCP buffers by the memory it has (tcp_rmem's maximum is
# 506 KB at the default mem=64M): the same with 1 GiB, as the host has more.
loop wasm wasm1g mem=1G
loop node node1g mem=1G

# port: one that nothing listens on now
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
sink() {
	"$dir/net-bench-native" sink "$port" 1 > "$dir/net-sink.txt" &
	sink_pid=$!
	sleep 0.3
}
sink
"$dir/net-bench-native" send 127.0.0.1 "$port" "$mb" > "$dir/net-bench-hostsend.txt"
wait "$sink_pid"
for mtu in 1500 65520; do
	sink
	"$build/bin/wasmlinux" --net "user,mtu=$mtu" ip=dhcp --cache "$dir/net-bench-cache" \
		--load "$dir/net-bench" quiet --exec /bin/net-bench send 10.0.2.2 "$port" "$mb" \
		> "$dir/net-bench-nat$mtu.txt" 2> "$dir/net-bench-nat$mtu.log"
	wait "$sink_pid"
done
sink
WASMLINUX_BUILD="$build" node web/cli.mjs ip=dhcp --load "$dir/net-bench" quiet \
	--exec /bin/net-bench send 10.0.2.2 "$port" "$mb" \
	> "$dir/net-bench-natnode.txt" 2> "$dir/net-bench-natnode.log"
wait "$sink_pid"
hv() { tr -d '\r' < "$dir/net-bench-$1.txt" | awk -v k="$2" '$1 == k { print $2 }'; }
h=$(hv hostsend tcp_send_MBps)
for mtu in 1500 65520; do
	w=$(hv "nat$mtu" tcp_send_MBps)
	say "tcp_send_MBps to the host: host loopback $h, wasmlinux through the NAT (MTU $mtu) $w ($(echo "scale=4; $w / $h" | bc) of the host's), $(echo "scale=2; $w * 8 / 1000" | bc) Gbit/s"
done
w=$(hv natnode tcp_send_MBps)
say "tcp_send_MBps to the host: node through the NAT (wasmlinux-net, MTU 65520) $w ($(echo "scale=4; $w / $h" | bc) of the host's), $(echo "scale=2; $w * 8 / 1000" | bc) Gbit/s"
say "tcp_connect_us to the host: host loopback $(hv hostsend tcp_connect_us), wasmlinux through the NAT $(hv nat65520 tcp_connect_us)"

n=$(same_val net-bench native tcp_loopback_MBps) w=$(same_val net-bench wasm tcp_loopback_MBps)
j=$(same_val net-bench node tcp_loopback_MBps) nat=$(hv nat65520 tcp_send_MBps)
w1=$(hv wasm1g tcp_loopback_MBps) j1=$(hv node1g tcp_loopback_MBps)
say "tcp_loopback_MBps with mem=1G (medians of $runs): native $n, wasmlinux $w1 ($(echo "scale=4; $w1 / $n" | bc) of native), node $j1 ($(echo "scale=4; $j1 / $n" | bc) of native)"
for m in "native:$w:64M" "node:$j:64M" "native:$w1:1G" "node:$j1:1G"; do
	v=$(echo "$m" | cut -d: -f2)
	goal "TCP on WasmLinux's loopback at least 0.5 of the host's (${m%%:*}, mem=${m##*:}: $(echo "scale=2; $v / $n" | bc))" "$v >= 0.5 * $n"
done
goal "TCP through the NAT at least 1 Gbit/s (native $(echo "scale=2; $nat * 8 / 1000" | bc))" "$nat * 8 >= 1000"
natj=$(hv natnode tcp_send_MBps)
goal "TCP through the NAT at least 1 Gbit/s (node $(echo "scale=2; $natj * 8 / 1000" | bc))" "$natj * 8 >= 1000"
