# Networking: TCP and UDP on the system's own loopback (both hosts), and
# the user-mode network of the native host (--net user, libslirp): DHCP,
# the NAT to the host's loopback (10.0.2.2), a forwarded port in, UDP, and
# bad --net options.  All traffic stays on this machine.

nfs=$out/nfs
mkdir -p "$nfs/data" "$nfs/www"
head -c 4194304 /dev/urandom > "$nfs/data/r"
head -c 10000000 /dev/urandom > "$nfs/www/big"
cat > "$nfs/data/lo.sh" <<'EOF'
ip addr show lo
# 100 MiB (25 times 4 MiB of random bytes) through one TCP connection
send() { for i in $(seq 25); do cat /data/r; done; }
nc -l -p 5001 127.0.0.1 | sha256sum > /tmp/got &
until send | nc 127.0.0.1 5001; do sleep 0.1; done
wait
echo "tcp sent $(send | sha256sum)"
echo "tcp got $(cat /tmp/got)"
# a UDP datagram and its answer
(echo pong-udp | nc -u -l -p 5002 -w 2 127.0.0.1 > /tmp/udp) &
sleep 0.3
echo ping-udp | nc -u -w 1 127.0.0.1 5002
wait
echo "udp server got $(cat /tmp/udp)"
ping -c 1 -W 2 127.0.0.1 > /dev/null && echo "ping 127.0.0.1 ok"
ping6 -c 1 -W 2 ::1 > /dev/null && echo "ping6 ::1 ok"
EOF

for h in native node; do
	p=$(host_prefix $h)
	echo '/bin/sh /data/lo.sh' > "$out/lo-run.sh"
	runx $h "$h-lo" --load "$nfs" < "$out/lo-run.sh"
	verdict "${p}net: loopback is up with 127.0.0.1 and ::1" "$out/$h-lo" \
		'has "$h-lo" "inet 127.0.0.1/8 scope host lo"' \
		'has "$h-lo" "inet6 ::1/128"'
	sent=$(sed -n 's/^tcp sent \([0-9a-f]*\).*/\1/p' "$out/$h-lo")
	verdict "${p}net: 100 MiB through TCP on loopback arrive intact" "$out/$h-lo" \
		'[ -n "$sent" ]' 'has "$h-lo" "^tcp got $sent"'
	verdict "${p}net: a UDP datagram on loopback" "$out/$h-lo" \
		'has "$h-lo" "^udp server got ping-udp"' 'expect_status "$h-lo" 0'
	verdict "${p}net: ping of 127.0.0.1 and ping6 of ::1" "$out/$h-lo" \
		'has "$h-lo" "^ping 127.0.0.1 ok"' 'has "$h-lo" "^ping6 ::1 ok"'
	# without /init: loopback is up from boot (flags IFF_UP|IFF_LOOPBACK)
	runx $h "$h-loflags" --cat /sys/class/net/lo/flags
	verdict "${p}net: loopback is up for a program run without /init" "$out/$h-loflags" \
		'expect_status "$h-loflags" 0' 'has "$h-loflags" "^0x9"'
done

# The host's servers, started once for both hosts: HTTP (the files of
# $nfs/www, and /slow, which trickles for 20 s), and TCP and UDP on
# $port: the TCP one reads each connection to its end and answers with
# the count, the UDP one echoes.
port=$(free_port) hport=$(free_port)
cat > "$out/servers.py" <<'EOF'
import http.server, os, socket, socketserver, sys, threading, time
port, hport, www, marker = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
class Files(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *a, **k):
        super().__init__(*a, directory=www, **k)
    def do_GET(self):
        if self.path != "/slow":
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Length", "10000000")
        self.end_headers()
        open(marker, "w").close()
        try:
            for _ in range(400):
                self.wfile.write(b"s" * 1000); self.wfile.flush(); time.sleep(0.05)
        except OSError:
            pass
    def log_message(self, *a):
        pass
class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
threading.Thread(target=Server(("127.0.0.1", hport), Files).serve_forever, daemon=True).start()
u = socket.socket(type=socket.SOCK_DGRAM); u.bind(("127.0.0.1", port))
def udp():
    while True:
        data, peer = u.recvfrom(2048); u.sendto(b"echo:" + data, peer)
threading.Thread(target=udp, daemon=True).start()
t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(("127.0.0.1", port)); t.listen(8)
while True:
    c, _ = t.accept(); got = 0
    while True:
        d = c.recv(65536)
        if not d: break
        got += len(d)
    c.sendall(b"host got %d bytes\n" % got); c.close()
EOF
python3 "$out/servers.py" "$port" "$hport" "$nfs/www" "$out/slow-started" > "$out/servers.log" 2>&1 &
servers=$!
want=$(sha256sum < "$nfs/www/big")
# wait_for NAME PATTERN: up to 10 s for PATTERN in $out/NAME
wait_for() { for _ in $(seq 100); do has "$1" "$2" && return 0; sleep 0.1; done; return 1; }

for h in native node; do
	p=$(host_prefix $h) wlh=$(host_bin $h)

	# DHCP gave eth0 its address, route and DNS (udhcpc in /init)
	echo 'ip addr show eth0; ip route; cat /etc/resolv.conf' > "$out/dhcp.sh"
	runx $h "$h-dhcp" < "$out/dhcp.sh"
	verdict "${p}net: DHCP configures eth0 (10.0.2.15/24, default route, DNS)" "$out/$h-dhcp" \
		'expect_status "$h-dhcp" 0' \
		'has "$h-dhcp" "inet 10.0.2.15/24 brd 10.0.2.255 scope global eth0"' \
		'has "$h-dhcp" "^default via 10.0.2.2 dev eth0"' 'has "$h-dhcp" "^nameserver 10.0.2.3"'

	# ip=dhcp: the kernel's own DHCP client configures eth0 during boot
	runx $h "$h-ipdhcp" ip=dhcp --cat /proc/net/pnp
	verdict "${p}net: ip=dhcp configures eth0 without /init (DNS 10.0.2.3)" "$out/$h-ipdhcp" \
		'expect_status "$h-ipdhcp" 0' 'has "$h-ipdhcp" "^#PROTO: DHCP"' \
		'has "$h-ipdhcp" "^nameserver 10.0.2.3"'

	echo 'ls /sys/class/net' > "$out/nonet.sh"
	runx $h "$h-nonet" --net none < "$out/nonet.sh"
	verdict "${p}net: --net none: loopback only, and init says nothing" "$out/$h-nonet" \
		'expect_status "$h-nonet" 0' 'has "$h-nonet" "^lo$"' '! has "$h-nonet" eth0' \
		'! has "$h-nonet" "init:"'

	# wget of 10 MB from the host's HTTP server, through the NAT
	cat > "$out/wget.sh" <<-EOF
	wget -q -O /tmp/big http://10.0.2.2:$hport/big < /dev/null; echo "wget status \$?"
	echo "sum \$(sha256sum < /tmp/big)"
	wget -q -O - http://10.0.2.2:$hport/missing < /dev/null; echo "missing status \$?"
	EOF
	runx $h "$h-wget" < "$out/wget.sh"
	verdict "${p}net: wget of 10 MB from the host through the NAT, checksum equal" "$out/$h-wget" \
		'expect_status "$h-wget" 0' 'has "$h-wget" "^wget status 0"' 'has "$h-wget" "^sum $want"'
	verdict "${p}net: wget of a missing file fails (HTTP 404)" "$out/$h-wget" \
		'has "$h-wget" "^missing status 1"' 'has "$h-wget" "404"'

	# nc to the host's TCP server, UDP to its echo server
	cat > "$out/nc.sh" <<-EOF
	head -c 1000000 /data/r | nc 10.0.2.2 $port
	echo hello | nc -u -w 1 10.0.2.2 $port
	EOF
	runx $h "$h-nc" --load "$nfs" < "$out/nc.sh"
	verdict "${p}net: nc to a TCP server of the host: 1 MB out, its answer back" "$out/$h-nc" \
		'expect_status "$h-nc" 0' 'has "$h-nc" "^host got 1000000 bytes"'
	verdict "${p}net: UDP to the host's echo server and back" "$out/$h-nc" 'has "$h-nc" "^echo:hello"'

	# BusyBox httpd inside, reached from the host through a forwarded
	# port; the guest ends when the host connects to a second one.
	fport=$(free_port) dport=$(free_port)
	while [ "$dport" = "$fport" ]; do dport=$(free_port); done
	cat > "$out/httpd.sh" <<-'EOF'
	httpd -p 80 -h /www && echo "httpd started"
	nc -l -p 81 < /dev/null > /dev/null
	echo "host is done"
	EOF
	timeout 60 "$wlh" --net "user,hostfwd=tcp:127.0.0.1:$fport-:80,hostfwd=tcp:127.0.0.1:$dport-:81" \
		--load "$nfs" < "$out/httpd.sh" > "$out/$h-httpd" 2>&1 &
	guest=$!
	wait_for "$h-httpd" "httpd started"
	rm -f "$out/fetched"
	curl -s -o "$out/fetched" "http://127.0.0.1:$fport/big" 2>> "$out/$h-httpd"
	python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1]))).close()' \
		"$dport" 2>> "$out/$h-httpd"
	wait "$guest"
	status=$?
	verdict "${p}net: httpd inside, curl on the host through hostfwd gets the file" "$out/$h-httpd" \
		'expect_status "$h-httpd" 0' 'cmp -s "$out/fetched" "$nfs/www/big"' \
		'has "$h-httpd" "^host is done"'

	# Bad --net options: an error that says what is wrong, status 1.
	runx $h "$h-badnet" --net wires --halt
	verdict "${p}net: an unknown --net is an error" "$out/$h-badnet" \
		'expect_status "$h-badnet" 1' 'has "$h-badnet" "unknown network .wires."'
	runx $h "$h-badfwd" --net user,hostfwd=tcp:80 --halt
	verdict "${p}net: a malformed hostfwd is an error" "$out/$h-badfwd" \
		'expect_status "$h-badfwd" 1' 'has "$h-badfwd" "hostfwd: not "'
	runx $h "$h-badopt" --net user,mtu=20 --halt
	verdict "${p}net: an MTU out of range is an error" "$out/$h-badopt" \
		'expect_status "$h-badopt" 1' 'has "$h-badopt" "mtu: 576 to"'
	runx $h "$h-busyfwd" --net "user,hostfwd=tcp:127.0.0.1:$port-:80" --halt
	verdict "${p}net: forwarding a host port in use is an error" "$out/$h-busyfwd" \
		'expect_status "$h-busyfwd" 1' 'has "$h-busyfwd" "cannot forward host port $port"'
done

# Node: the backend (a child process) killed in the middle of a transfer:
# wget fails with an error, the shell goes on, Node says what happened.
cat > "$out/killed.sh" <<EOF
wget -T 3 -q -O /tmp/slow http://10.0.2.2:$hport/slow < /dev/null; echo "wget status \$?"
echo "the shell goes on"
EOF
rm -f "$out/slow-started"
timeout 60 "$wl_node" < "$out/killed.sh" > "$out/node-killed" 2>&1 &
guest=$!
for _ in $(seq 100); do [ -f "$out/slow-started" ] && break; sleep 0.1; done
pkill -f "bin/wasmlinux-net user" 2>> "$out/node-killed"
wait "$guest"
status=$?
verdict "node: net: the backend killed mid-transfer: wget fails, the shell goes on" "$out/node-killed" \
	'[ -f "$out/slow-started" ]' 'expect_status node-killed 0' \
	'has node-killed "^wget status [1-9]"' 'has node-killed "^the shell goes on"' \
	'has node-killed "network backend exited"'

# Node: frames from the backend that are too big or too short are dropped
# and counted (rx_length_errors); the system goes on.  The backend is a
# stand-in (WASMLINUX_NET_HELPER) that sends just those.
cat > "$out/bad-backend.py" <<'EOF'
import struct, sys
out = sys.stdout.buffer
out.write(b"wasmlinux-net mtu=1500 mac=52:54:00:12:34:56\n")
for n in (5000, 9, 70000, 3):
    out.write(struct.pack(">I", n) + b"\xff" * n)
out.flush()
sys.stdin.buffer.read()
EOF
printf '#!/bin/sh\nexec python3 "%s" "$@"\n' "$out/bad-backend.py" > "$out/bad-backend"
chmod +x "$out/bad-backend"
echo 'sleep 0.5; cat /sys/class/net/eth0/statistics/rx_length_errors; echo "still here"' \
	> "$out/badframes.sh"
WASMLINUX_NET_HELPER="$out/bad-backend" runx node node-badframes < "$out/badframes.sh"
verdict "node: net: oversized and runt frames from the backend are dropped and counted" \
	"$out/node-badframes" 'expect_status node-badframes 0' 'has node-badframes "^4$"' \
	'has node-badframes "^still here"'

kill "$servers" 2>/dev/null
wait "$servers" 2>/dev/null
