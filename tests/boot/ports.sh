# The ports (ports/, `make ports`): Lua, Tcl, SQLite, bash, make, curl and
# Python in the system on both hosts (tests/ports/scenario.sh), and a
# slice of Tcl's, SQLite's, bash's and Python's own test suites (through
# tcltest, testfixture, bash's run-* scripts and `python3 -m test`; the
# whole of them: `make check-ports`).  The programs were translated by
# `make ports` into build/ports/cache, which the native runs use.  (The
# root holds Python's library: more than the default mem=64M has.)

root=$build/ports/root suites=$build/ports/tests
fs=$out/fs
mkdir -p "$fs/tests"
cp tests/scenarios/lib.sh tests/ports/scenario.sh "$fs/tests/"
export WASMLINUX_CACHE="$build/ports/cache"

for h in native node; do
	p=$(host_prefix $h)
	echo "sh /tests/scenario.sh" |
		timeout 300 "$(host_bin $h)" mem=512M --load "$root" --load "$fs" > "$out/use-$h" 2>&1
	status=$?
	report "$out/use-$h" "${p}ports: "
	verdict "${p}ports: the scenario runs to its end" "$out/use-$h" \
		'expect_status "use-$h" 0' 'has "use-$h" "^ok python3: an uncaught"'

	# Test files of the suites, with their summaries: SQLite's "N errors
	# out of M tests" per file, tcltest's "all.tcl: Total N Passed N
	# Skipped N Failed N" for the files given by -file.
	sq="select1 expr func where insert update join"
	bt="arith array func quote braces case"
	pt="test_int test_list test_dict test_json test_zlib test_sqlite3"
	cat > "$fs/suites.sh" <<EOF
mkdir -p /tmp/s && cd /tmp/s
for f in $sq; do
	echo "== \$f"
	/usr/libexec/sqlite3/testfixture /usr/share/sqlite3/test/\$f.test 2>&1 | grep "errors out of"
done
cd /usr/share/tcl8.6/tests &&
	TMPDIR=/tmp /usr/libexec/tcl8.6/tcltest all.tcl -file 'expr.test string.test list.test dict.test regexp.test' \
		-tmpdir /tmp/s 2>&1 | grep -E '^all\.tcl:|Test file error'
cp -r /usr/share/bash-tests /tmp/s/bash && cd /tmp/s/bash &&
for f in $bt; do
	THIS_SH=/usr/bin/bash PATH=.:/usr/libexec/bash-tests:\$PATH BASH_TSTOUT=/tmp/s/bashtst \
		sh run-\$f > /tmp/s/out 2> /dev/null < /dev/null
	[ -s /tmp/s/out ] && echo "bash: run-\$f differs" || echo "bash: run-\$f passes"
done
EOF
	echo "sh /suites.sh" |
		timeout 600 "$(host_bin $h)" mem=1G --load "$root" --load "$suites" --load "$fs" \
		> "$out/suites-$h" 2>&1
	status=$?
	verdict "${p}ports: SQLite's test files $sq pass in testfixture" "$out/suites-$h" \
		'expect_status "suites-$h" 0' \
		'[ "$(grep -c "^0 errors out of [1-9][0-9]* tests" "$out/suites-$h")" -eq 7 ]'
	verdict "${p}ports: Tcl's expr, string, list, dict and regexp tests pass in tcltest" "$out/suites-$h" \
		'has "suites-$h" "^all\.tcl:	*Total	*[1-9][0-9]*	*Passed	*[1-9][0-9]*	*Skipped	*[0-9]*	*Failed	*0$"' \
		'! has "suites-$h" "Test file error"'
	verdict "${p}ports: bash's test files $bt pass" "$out/suites-$h" \
		'[ "$(grep -c "^bash: run-[a-z]* passes$" "$out/suites-$h")" -eq 6 ]'
	# (Python's in a run of its own.  Not test_threading or
	# test_subprocess, 20 s natively: under Node each ran more than ten
	# minutes, not investigated yet; the scenario has threads and
	# subprocesses of Python on both hosts)
	echo "mkdir -p /tmp/s/py && python3 -m test --tempdir /tmp/s/py $pt 2>&1" |
		timeout 300 "$(host_bin $h)" mem=1G --load "$root" --load "$suites" > "$out/py-$h" 2>&1
	status=$?
	verdict "${p}ports: Python's $pt pass in python3 -m test" "$out/py-$h" \
		'expect_status "py-$h" 0' 'has "py-$h" "^== Tests result: SUCCESS ==$"' \
		'has "py-$h" "^All 6 tests OK\.$"'
done


# curl against an HTTP server of the host, through the NAT (the host's
# loopback is 10.0.2.2 inside): a file fetched whole, its headers, a
# missing one (404, and -f's exit status 22), a refused connection (7)
mkdir -p "$out/www"
head -c 1000000 /dev/urandom > "$out/www/blob"
want=$(sha256sum < "$out/www/blob" | cut -d' ' -f1)
cport=$(free_port)
(cd "$out/www" && exec python3 -m http.server --bind 127.0.0.1 "$cport") > "$out/httpd.log" 2>&1 &
httpd=$!
for _ in $(seq 100); do
	python3 -c "import socket; socket.create_connection(('127.0.0.1', $cport))" 2> /dev/null && break
	sleep 0.1
done
cat > "$fs/curl.sh" <<EOF
curl -sS -o /tmp/blob http://10.0.2.2:$cport/blob; echo "get \$? \$(sha256sum < /tmp/blob | cut -d' ' -f1)"
curl -sSI http://10.0.2.2:$cport/blob | tr -d '\r' | grep -i '^content-length:'
echo "missing \$(curl -s -o /dev/null -w '%{http_code}' http://10.0.2.2:$cport/missing)"
curl -sSf -o /dev/null http://10.0.2.2:$cport/missing 2> /dev/null; echo "fail \$?"
curl -sS -o /dev/null http://10.0.2.2:1/ 2> /dev/null; echo "refused \$?"
EOF
for h in native node; do
	p=$(host_prefix $h)
	echo "sh /curl.sh" | timeout 120 "$(host_bin $h)" mem=512M --load "$root" --load "$fs" > "$out/curl-$h" 2>&1
	status=$?
	verdict "${p}ports: curl fetches 1 MB from the host's HTTP server, checksum equal" "$out/curl-$h" \
		'expect_status "curl-$h" 0' 'has "curl-$h" "^get 0 $want$"' \
		'has "curl-$h" "^[Cc]ontent-[Ll]ength: 1000000$"'
	verdict "${p}ports: curl: a missing file is HTTP 404 (-f: status 22), a closed port status 7" "$out/curl-$h" \
		'has "curl-$h" "^missing 404$"' 'has "curl-$h" "^fail 22$"' 'has "curl-$h" "^refused 7$"'
done
kill $httpd
