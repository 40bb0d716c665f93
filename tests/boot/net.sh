# Networking: TCP and UDP on the system's own loopback (both hosts), and
# the user-mode network of the native host (--net user, libslirp): DHCP,
# the NAT to the host's loopback (10.0.2.2), a forwarded port in, UDP, and
# bad --net options.  All traffic stays on this machine.

# free_port: a TCP and UDP port of 127.0.0.1 that nothing uses now
free_port() {
	python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]
u = socket.socket(type=socket.SOCK_DGRAM); u.bind(("127.0.0.1", p))
print(p)'
}

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
done

# The user-mode network: DHCP gave eth0 its address, route and DNS.
echo 'ip addr show eth0; ip route; cat /etc/resolv.conf' > "$out/dhcp.sh"
run dhcp < "$out/dhcp.sh"
verdict "net: DHCP configures eth0 (10.0.2.15/24, default route, DNS)" "$out/dhcp" \
	'expect_status dhcp 0' 'has dhcp "inet 10.0.2.15/24 brd 10.0.2.255 scope global eth0"' \
	'has dhcp "^default via 10.0.2.2 dev eth0"' 'has dhcp "^nameserver 10.0.2.3"'

echo 'ls /sys/class/net' > "$out/nonet.sh"
run nonet --net none < "$out/nonet.sh"
verdict "net: --net none: loopback only, and init says nothing" "$out/nonet" \
	'expect_status nonet 0' 'has nonet "^lo$"' '! has nonet eth0' '! has nonet "init:"'

# wget of 10 MB from an HTTP server of the host, through the NAT
port=$(free_port)
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$nfs/www" \
	> "$out/http-server.log" 2>&1 &
server=$!
want=$(sha256sum < "$nfs/www/big")
cat > "$out/wget.sh" <<EOF
until nc -z 10.0.2.2 $port < /dev/null; do sleep 0.1; done
wget -q -O /tmp/big http://10.0.2.2:$port/big < /dev/null; echo "wget status \$?"
echo "sum \$(sha256sum < /tmp/big)"
EOF
run wget < "$out/wget.sh"
verdict "net: wget of 10 MB from the host through the NAT, checksum equal" "$out/wget" \
	'expect_status wget 0' 'has wget "^wget status 0"' 'has wget "^sum $want"'
echo "wget -q -O - http://10.0.2.2:$port/missing < /dev/null; echo \"wget status \$?\"" \
	> "$out/wget404.sh"
run wget404 < "$out/wget404.sh"
verdict "net: wget of a missing file fails (HTTP 404)" "$out/wget404" \
	'has wget404 "^wget status 1"' 'has wget404 "404"'
kill "$server"
wait "$server" 2>/dev/null

# nc to a TCP server and a UDP echo server of the host
port=$(free_port)
python3 -c 'import socket, sys, threading
port = int(sys.argv[1])
t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(("127.0.0.1", port)); t.listen(1)
u = socket.socket(type=socket.SOCK_DGRAM); u.bind(("127.0.0.1", port))
def udp():
    while True:
        data, peer = u.recvfrom(2048); u.sendto(b"echo:" + data, peer)
threading.Thread(target=udp, daemon=True).start()
while True:
    c, _ = t.accept(); got = b""
    while True:
        d = c.recv(65536)
        if not d: break
        got += d
    c.sendall(b"host got %d bytes\n" % len(got)); c.close()
' "$port" > "$out/nc-server.log" 2>&1 &
server=$!
cat > "$out/nc.sh" <<EOF
until nc -z 10.0.2.2 $port < /dev/null; do sleep 0.1; done
head -c 1000000 /data/r | nc 10.0.2.2 $port
echo hello | nc -u -w 1 10.0.2.2 $port
EOF
run nc --load "$nfs" < "$out/nc.sh"
verdict "net: nc to a TCP server of the host: 1 MB out, its answer back" "$out/nc" \
	'expect_status nc 0' 'has nc "^host got 1000000 bytes"'
verdict "net: UDP to the host's echo server and back" "$out/nc" 'has nc "^echo:hello"'
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null

# BusyBox httpd inside, reached from the host through a forwarded port;
# the guest ends when the host connects to a second forwarded port.
port=$(free_port) done_port=$(free_port)
while [ "$done_port" = "$port" ]; do done_port=$(free_port); done
cat > "$out/httpd.sh" <<'EOF'
httpd -p 80 -h /www && echo "httpd started"
nc -l -p 81 < /dev/null > /dev/null
echo "host is done"
EOF
timeout 60 "$wl" --net "user,hostfwd=tcp:127.0.0.1:$port-:80,hostfwd=tcp:127.0.0.1:$done_port-:81" \
	--load "$nfs" < "$out/httpd.sh" > "$out/httpd" 2>&1 &
guest=$!
for i in $(seq 100); do has httpd "httpd started" && break; sleep 0.1; done
curl -s -o "$out/fetched" "http://127.0.0.1:$port/big" 2>> "$out/httpd"
python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1]))).close()' \
	"$done_port" 2>> "$out/httpd"
wait "$guest"
status=$?
verdict "net: httpd inside, curl on the host through hostfwd gets the file" "$out/httpd" \
	'expect_status httpd 0' 'cmp -s "$out/fetched" "$nfs/www/big"' 'has httpd "^host is done"'

# Bad --net options: an error that says what is wrong, status 1.
run badnet --net wires
verdict "net: an unknown --net is an error" "$out/badnet" \
	'expect_status badnet 1' 'has badnet "unknown network .wires."'
run badfwd --net user,hostfwd=tcp:80
verdict "net: a malformed hostfwd is an error" "$out/badfwd" \
	'expect_status badfwd 1' 'has badfwd "hostfwd: not "'
run badopt --net user,mtu=20
verdict "net: an MTU out of range is an error" "$out/badopt" \
	'expect_status badopt 1' 'has badopt "mtu: 576 to"'
python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(1); time.sleep(30)' \
	"$port" &
holder=$!
sleep 0.3
run busyfwd --net "user,hostfwd=tcp:127.0.0.1:$port-:80" --halt
verdict "net: forwarding a host port in use is an error" "$out/busyfwd" \
	'expect_status busyfwd 1' 'has busyfwd "cannot forward host port $port"'
kill "$holder"
wait "$holder" 2>/dev/null
