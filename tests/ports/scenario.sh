# The ports in use (run inside WasmLinux with the ports' root loaded and
# tests/scenarios/lib.sh as /tests/lib.sh): Lua, Tcl, SQLite, bash, make and
# Python as a user runs them, each through what it needs of the system.
. /tests/lib.sh
mkdir -p /tmp/ports && cd /tmp/ports || exit 1

t "lua: loops, strings, tables" "55	HELLO	3" \
	"$(lua -e 'local s = 0 for i = 1, 10 do s = s + i end print(s, ("hello"):upper(), #{1, 2, 3})')"
t "lua: error, pcall, string.format" "false	x.lua:1: boom	3.14" \
	"$(printf 'local ok, e = pcall(error, "x.lua:1: boom", 0)\nprint(ok, e, string.format("%%.2f", math.pi))\n' > x.lua && lua x.lua)"
t "lua: io and os (a file written, read back; os.getenv)" "two lines	/tmp/ports" \
	"$(lua -e 'local f = io.open("l.txt", "w") f:write("two\nlines\n") f:close()
		local t = {} for l in io.lines("l.txt") do t[#t + 1] = l end
		print(table.concat(t, " "), os.getenv("PWD"))')"
t "luac compiles a chunk that lua runs" "42" \
	"$(echo 'print(6 * 7)' > a.lua && luac -o a.luac a.lua && lua a.luac)"

t "tclsh: expr and its version" "42 8.6.13" \
	"$(echo 'puts "[expr {6 * 7}] [info patchlevel]"' | tclsh)"
t "tclsh: exec of a program (fork and exec)" "hi there" \
	"$(echo 'puts [exec echo hi there]' | tclsh)"
t "tclsh: exec of a pipeline, and its exit status" "3 1" \
	"$(echo 'puts "[string trim [exec echo a b c | wc -w]] [catch {exec false}]"' | tclsh)"
t "tclsh: files, glob, file size" "t.txt 6" \
	"$(echo 'set f [open t.txt w]; puts $f hello; close $f; puts "[glob t*.txt] [file size t.txt]"' | tclsh)"
t "tclsh: lists, dicts, regexp, string map" "a b c 2 {{x y}} 3 HeLLo" \
	"$(echo 'puts "[lsort {c a b}] [dict get {k 2} k] {[regexp -inline {x y} "x y"]} [llength [split a,b,c ,]] [string map {l L} Hello]"' | tclsh)"
t "tclsh: clock format" "1970-01-02 00:00:00" \
	"$(echo 'puts [clock format 86400 -format "%Y-%m-%d %H:%M:%S" -gmt 1]' | tclsh)"
t "tclsh: zlib (the port's) round trip" "1 banana" \
	"$(echo 'set z [zlib compress [string repeat banana 100]]; puts "[expr {[string length $z] < 100}] [string range [zlib decompress $z] 0 5]"' | tclsh)"
t "tclsh: the event loop (after, vwait)" "done" \
	"$(echo 'after 20 {set ::x done}; vwait ::x; puts $::x' | tclsh)"
t "tclsh: a thread-safe interpreter (threads compiled in)" "1" \
	"$(echo 'puts [info exists tcl_platform(threaded)]' | tclsh)"

db=/tmp/ports/t.db
t "sqlite3: a table, rows, an aggregate" "10" \
	"$(sqlite3 $db 'create table t(a, b); insert into t values (1, 2), (3, 4); select sum(a + b) from t;')"
t "sqlite3: the database persists in its file" "1|2
3|4" "$(sqlite3 $db 'select * from t order by a')"
t "sqlite3: a join and group by" "x|2
y|1" "$(sqlite3 $db "create table u(n, k); insert into u values ('x', 1), ('x', 3), ('y', 1);
	select n, count(*) from u join t on t.a = u.k group by n order by n;")"
t "sqlite3: a rolled back transaction leaves nothing" "2" \
	"$(sqlite3 $db 'begin; delete from t; rollback; select count(*) from t;')"
t "sqlite3: json" "[1,2]|b" \
	"$(sqlite3 :memory: "select json_extract('{\"a\":[1,2]}', '\$.a'), json_extract('[\"a\",\"b\"]', '\$[1]');")"
t "sqlite3: full-text search (fts5)" "2" \
	"$(sqlite3 :memory: "create virtual table f using fts5(body);
	insert into f values ('the quick fox'), ('a lazy dog'), ('quick thinking');
	select count(*) from f where f match 'quick';")"
t "sqlite3: rtree" "1" \
	"$(sqlite3 :memory: 'create virtual table r using rtree(id, x0, x1); insert into r values (1, 0, 10), (2, 20, 30); select id from r where x0 < 5;')"
echo "some bytes to archive" > in.txt
t "sqlite3: a zip archive (zlib) written and listed" "in.txt" \
	"$(sqlite3 -A -c -f a.zip in.txt && sqlite3 -A -t -f a.zip)"
t "sqlite3: WAL with exclusive locking" "wal|2" \
	"$(sqlite3 $db 'pragma locking_mode=exclusive; pragma journal_mode=wal;' > /dev/null && sqlite3 $db 'pragma locking_mode=exclusive; select * from pragma_journal_mode, (select count(*) from t);' | tail -n 1)"
# A shared wal-index needs a writable shared mapping of a file, which
# WasmLinux refuses (README): an error, never a wrong answer.
t "sqlite3: WAL's shared wal-index is refused with an error" "1" \
	"$(sqlite3 w.db 'pragma journal_mode=wal; create table w(a);' 2>&1 | grep -c 'disk I/O error')"

t "bash: arrays, associative arrays, string operations" "3 c|2|bcd|ABCDEF|ab-ef" \
	"$(bash -c 'a=(a b c); declare -A m=([apple]=1 [pear]=2); s=abcdef
		echo "${#a[@]} ${a[-1]}|${m[pear]}|${s:1:3}|${s^^}|${s/cd/-}"')"
t "bash: functions, local, recursion, \$(( ))" "120 x" \
	"$(bash -c 'f() { local n=$1; (( n <= 1 )) && { echo 1; return; }; echo $(( n * $(f $((n - 1))) )); }
		v=x; g() { local v=y; }; g; echo "$(f 5) $v"')"
t "bash: [[ =~ ]] with BASH_REMATCH, extglob, brace expansion" "2026 12|yes|a1 a2 b1 b2" \
	"$(bash -O extglob -c '[[ 2026-12 =~ ^([0-9]+)-([0-9]+)$ ]] && r="${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
		f=foo.tar.gz; [[ $f == *.@(gz|bz2) ]] && e=yes; echo "$r|$e|$(echo {a,b}{1,2})"')"
t "bash: a pipeline's PIPESTATUS, pipefail" "0 1 0|1" \
	"$(bash -c 'true | false | true; s="${PIPESTATUS[*]}"; set -o pipefail; true | false | true; echo "$s|$?"')"
t "bash: process substitution, here-string, read into an array" "3|b|x y" \
	"$(bash -c 'n=$(wc -l < <(printf "1\n2\n3\n")); read -ra w <<< "a b c"; mapfile -t l < <(echo "x y"); echo "$n|${w[1]}|${l[0]}"')"
t "bash: background jobs, wait, and their statuses" "3 0" \
	"$(bash -c '(exit 3) & p=$!; sleep 0 & wait $p; a=$?; wait; echo "$a $?"')"
t "bash: trap EXIT, set -e in a subshell, errexit status" "sub-exit 7" \
	"$(bash -c '(trap "echo -n sub-exit" EXIT; set -e; false; echo never); (exit 7); echo " $?"')"
t "bash: a script file with here-document and printf -v" "x=00042 name=wasm" \
	"$(printf '%s\n' 'printf -v x "%05d" 42' 'cat <<EOF' 'x=$x name=$1' 'EOF' > s.bash && bash s.bash wasm)"

# make: a project of pattern rules, an order-only folder, $(shell),
# automatic variables, a recursive make, -q, and -j2 running two jobs at
# once (each job logs its start and end; with two at once a start
# follows a start)
mkdir -p mk/sub && cd mk || exit 1
cat > Makefile <<'EOF'
N := $(shell seq 1 6)
all: out/sum
out/%.txt: | out
	@echo "start $*" >> log; sleep 1; echo $* > $@; echo "end $*" >> log
out:
	@mkdir -p $@
out/sum: $(N:%=out/%.txt)
	@cat $^ | awk '{ s += $$1 } END { print s }' > $@
	@$(MAKE) -s -C sub VAL=$$(cat $@)
.PHONY: all
EOF
printf 'all:\n\t@echo "sub: $(VAL) at level $(MAKELEVEL)"\n' > sub/Makefile
t "make -j2: the project is built, the recursive make gets its value" "sub: 21 at level 1|21" \
	"$(make -j2 2>&1 | tr '\n' '|')$(cat out/sum)"
t "make -j2 runs two jobs at once" "1" \
	"$(awk '/^start/ { if (open) overlap = 1; open++ } /^end/ { open-- } END { print overlap + 0 }' log)"
t "make: up to date, then out of date after a touch (-q)" "0 1" \
	"$(make -q; a=$?; sleep 1; touch out/3.txt; make -q; echo "$a $?")"
t "make: a failing recipe stops with status 2 and names its target" "2 bad" \
	"$(printf 'bad:\n\t@false\n' > f.mk; make -f f.mk > m.out 2>&1; echo "$? $(grep -o 'bad\]' m.out | tr -d ']')")"
cd .. && rm -r mk

# Python: the interpreter, its standard library and the modules linked
# in, each through what it needs of the system
t "python3: its version, big integers, strings, the platform" "3.11 16 WASM linux" \
	"$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2], 2**100 % 97, "wasm".upper(), sys.platform)')"
t "python3: files, os.listdir, os.stat, pathlib" "['p.txt'] 12 hello python" \
	"$(mkdir -p py && cd py && python3 -c 'import os, pathlib
open("p.txt", "w").write("hello python")
print(os.listdir("."), os.stat("p.txt").st_size, pathlib.Path("p.txt").read_text())')"
t "python3: zlib and gzip (the zlib port), hashlib, decimal" "True 5000 ba7816bf8f01cfea 0.1428571428571428571428571429" \
	"$(python3 -c 'import zlib, gzip, hashlib, decimal
d = b"banana" * 1000; z = zlib.compress(d)
print(len(z) < 100, len(gzip.decompress(gzip.compress(d))) - 1000, hashlib.sha256(b"abc").hexdigest()[:16], decimal.Decimal(1) / decimal.Decimal(7))')"
t "python3: sqlite3 (the SQLite port), json, re, datetime" "[[1, \"a\"], [2, \"b\"]] 2026-12 ['12', '34']" \
	"$(python3 -c 'import sqlite3, json, re, datetime
c = sqlite3.connect("py/p.db"); c.execute("create table t(a, b)"); c.executemany("insert into t values (?, ?)", [(1, "a"), (2, "b")]); c.commit()
print(json.dumps(c.execute("select * from t order by a").fetchall()), datetime.date(2026, 12, 6).strftime("%Y-%m"), re.findall(r"\d+", "a12b34"))')"
t "python3: 8 threads add 10,000 each under a lock; a queue between two" "80000 4950" \
	"$(python3 -c 'import threading, queue
n = 0; l = threading.Lock()
def add():
    global n
    for _ in range(10000):
        with l: n += 1
ts = [threading.Thread(target=add) for _ in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
q = queue.Queue(); s = []
c = threading.Thread(target=lambda: s.append(sum(q.get() for _ in range(100)))); c.start()
[q.put(i) for i in range(100)]; c.join()
print(n, s[0])')"
t "python3: subprocess (output, exit status, a pipe into a program)" "hi 1 3" \
	"$(python3 -c 'import subprocess
r = subprocess.run(["echo", "hi"], capture_output=True, text=True)
f = subprocess.run(["false"]).returncode
w = subprocess.run(["wc", "-l"], input="a\nb\nc\n", capture_output=True, text=True).stdout.strip()
print(r.stdout.strip(), f, w)')"
t "python3: os.fork, the child's exit status through os.waitpid" "child 7 parent" \
	"$(python3 -c 'import os, sys
pid = os.fork()
if pid == 0:
    print("child", end=" "); sys.stdout.flush(); os._exit(7)
_, st = os.waitpid(pid, 0)
print(os.waitstatus_to_exitcode(st), "parent")')"
t "python3: a TCP server and client on the loopback (socket, threads)" "b'PING'" \
	"$(python3 -c 'import socket, threading
s = socket.create_server(("127.0.0.1", 0)); port = s.getsockname()[1]
def serve():
    c, _ = s.accept(); c.sendall(c.recv(16).upper()); c.close()
threading.Thread(target=serve).start()
k = socket.create_connection(("127.0.0.1", port)); k.sendall(b"ping"); print(k.recv(16))')"
t "python3: names of services and protocols (/etc/services, /etc/protocols)" "80 6 [80]" \
	"$(python3 -c 'import socket
print(socket.getservbyname("http", "tcp"), socket.getprotobyname("tcp"), [a[4][1] for a in socket.getaddrinfo("127.0.0.1", "http", type=socket.SOCK_STREAM)])')"
t "python3: an uncaught exception: a traceback and exit status 1" "ZeroDivisionError 1" \
	"$(python3 -c '1 / 0' 2> py/err; s=$?; echo "$(tail -n 1 py/err | cut -d: -f1) $s")"
rm -r py
cd / && rm -r /tmp/ports
