#!/bin/sh
# TCP (bench/net-bench.c) on the host's Linux and in WasmLinux, in this
# run: throughput and connections on the system's own loopback (both
# hosts) against the host's loopback, and throughput from WasmLinux to a
# sink on the host through the user-mode network (the NAT), against the
# same sink reached over the host's loopback.  Appends to
# $build/bench/results.txt, with a line per goal of issue 13.
set -eu
build=${1:-build}
. bench/same-source.sh
mb=1000

same_source net-bench
for h in native wasm node; do same_run net-bench $h loop $mb; done
same_say net-bench tcp_loopback_MBps
same_say net-bench tcp_connect_per_s

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
hv() { tr -d '\r' < "$dir/net-bench-$1.txt" | awk -v k="$2" '$1 == k { print $2 }'; }
h=$(hv hostsend tcp_send_MBps)
for mtu in 1500 65520; do
	w=$(hv "nat$mtu" tcp_send_MBps)
	say "tcp_send_MBps to the host: host loopback $h, wasmlinux through the NAT (MTU $mtu) $w ($(echo "scale=4; $w / $h" | bc) of the host's), $(echo "scale=2; $w * 8 / 1000" | bc) Gbit/s"
done
say "tcp_connect_us to the host: host loopback $(hv hostsend tcp_connect_us), wasmlinux through the NAT $(hv nat65520 tcp_connect_us)"

n=$(same_val net-bench native tcp_loopback_MBps) w=$(same_val net-bench wasm tcp_loopback_MBps)
j=$(same_val net-bench node tcp_loopback_MBps) nat=$(hv nat65520 tcp_send_MBps)
goal() { if [ "$(echo "$2" | bc)" = 1 ]; then say "goal met: $1"; else say "goal NOT met: $1"; fi; }
goal "TCP on WasmLinux's loopback at least 0.5 of the host's (native $(echo "scale=2; $w / $n" | bc))" "$w >= 0.5 * $n"
goal "TCP on WasmLinux's loopback at least 0.5 of the host's (node $(echo "scale=2; $j / $n" | bc))" "$j >= 0.5 * $n"
goal "TCP through the NAT at least 1 Gbit/s ($(echo "scale=2; $nat * 8 / 1000" | bc))" "$nat * 8 >= 1000"
