#!/bin/sh
# The ports against the same sources built for the host, in this run:
# SQLite's own speedtest1 (test/speedtest1.c with the port's
# amalgamation; its TOTAL line, the program's own timing), Lua on
# bench/ports.lua (wall time, less the boot), both built with -O2 for
# each side, make -j2 of a small project (bench_project below; the
# port against Debian's make 4.3, the same source, with the host's
# /bin/sh and tools against BusyBox's), and Python on bench/ports.py
# (its own clock; the host's python built from the port's source).
# Appends to $build/bench/results.txt, with a line per goal of issue 16
# (CPU-bound work within 1.5x of the host build).
set -eu
build=$(cd "${1:-build}" && pwd)
dir=$build/bench/ports
results=$build/bench/results.txt
. "$(dirname "$0")/lib.sh"
wl=$build/bin/wasmlinux
cc=$build/bin/wasm32-linux-musl-cc
sq=$build/ports/sqlite/obj
lua=$build/ports/lua/src
if [ ! -f "$sq/sqlite3.c" ] || [ ! -d "$lua/src" ]; then
	say "ports benchmarks: skipped, the ports are not built (make ports)"
	exit 0
fi
rm -rf "$dir"
mkdir -p "$dir/fs/bin" "$dir/cache"
size=${BENCH_SPEEDTEST_SIZE:-30}
export WASMLINUX_CACHE=$dir/cache

gcc -O2 -I"$sq" -o "$dir/speedtest1" "$sq/../src/test/speedtest1.c" "$sq/sqlite3.c" -lm -lpthread
"$cc" -O2 -I"$sq" -o "$dir/fs/bin/speedtest1" "$sq/../src/test/speedtest1.c" "$sq/sqlite3.c"
cp -r "$lua" "$dir/lua-host"
# (the port built in its source tree: its objects are wasm)
make -s -C "$dir/lua-host/src" clean > /dev/null
make -s -C "$dir/lua-host/src" linux CC="gcc -std=gnu99" > /dev/null 2>&1
cp "$build/ports/root/usr/bin/lua" "$dir/fs/bin/lua"
cp "$(dirname "$0")/ports.lua" "$dir/fs/bench.lua"
"$wl" compile "$dir/fs/bin/speedtest1" "$dir/fs/bin/lua" -o "$dir/cache" > /dev/null 2>&1

# speedtest1: the medians of three runs' TOTAL (seconds)
total() { sed -n 's/^ *TOTAL[ .]*\([0-9.]*\)s$/\1/p'; }
: > "$dir/st-n.txt"; : > "$dir/st-w.txt"
for _ in 1 2 3; do
	rm -f /dev/shm/wasmlinux-speedtest1.db
	"$dir/speedtest1" --size "$size" /dev/shm/wasmlinux-speedtest1.db | total >> "$dir/st-n.txt"
	echo "cd /tmp && speedtest1 --size $size st.db" | "$wl" --load "$dir/fs" | total >> "$dir/st-w.txt"
done
rm -f /dev/shm/wasmlinux-speedtest1.db
n=$(median < "$dir/st-n.txt"); w=$(median < "$dir/st-w.txt")
say "sqlite speedtest1 --size $size: host build $n s, wasmlinux $w s, wasmlinux speed / host speed $(echo "scale=3; $n / $w" | bc)"
goal "sqlite speedtest1 within 1.5x of the host build ($(echo "scale=2; $w / $n" | bc)x)" "$w <= 1.5 * $n"

# Lua: wall time of bench.lua, WasmLinux less its boot to the shell
: > "$dir/boot.txt"; : > "$dir/lua-n.txt"; : > "$dir/lua-w.txt"
for _ in 1 2 3; do
	t0=$(now); echo 'exit 0' | "$wl" --load "$dir/fs" > /dev/null 2>&1; t1=$(now)
	echo "($t1 - $t0) / 1000000" | bc >> "$dir/boot.txt"
done
boot=$(median < "$dir/boot.txt")
for _ in 1 2 3; do
	t0=$(now); "$dir/lua-host/src/lua" "$dir/fs/bench.lua" > "$dir/lua-n.out"; t1=$(now)
	echo "($t1 - $t0) / 1000000" | bc >> "$dir/lua-n.txt"
	t0=$(now); echo 'lua /bench.lua' | "$wl" --load "$dir/fs" > "$dir/lua-w.out"; t1=$(now)
	echo "($t1 - $t0) / 1000000 - $boot" | bc >> "$dir/lua-w.txt"
done
cmp -s "$dir/lua-n.out" "$dir/lua-w.out" || say "lua: the two outputs differ ($dir/lua-*.out)"
n=$(median < "$dir/lua-n.txt"); w=$(median < "$dir/lua-w.txt")
say "lua bench/ports.lua: host build $n ms, wasmlinux $w ms, wasmlinux speed / host speed $(echo "scale=3; $n / $w" | bc)"
goal "lua within 1.5x of the host build ($(echo "scale=2; $w / $n" | bc)x)" "$w <= 1.5 * $n"

# make -j2: a project of 200 targets made by shell recipes (a file
# each, then their sum), from clean; wall time, WasmLinux less its boot
mkdir -p "$dir/fs/mk"
cat > "$dir/fs/mk/Makefile" <<'EOF'
N := $(shell seq 1 200)
all: sum
o/%.txt: | o
	@echo $* > $@
o:
	@mkdir -p $@
sum: $(N:%=o/%.txt)
	@cat $^ | awk '{ s += $$1 } END { print s }' > $@
EOF
cp "$build/ports/root/usr/bin/make" "$dir/fs/bin/make"
"$wl" compile "$dir/fs/bin/make" -o "$dir/cache" > /dev/null 2>&1
: > "$dir/mk-n.txt"; : > "$dir/mk-w.txt"
for _ in 1 2 3; do
	rm -rf "$dir/mk-host" && cp -r "$dir/fs/mk" "$dir/mk-host"
	t0=$(now); make -s -j2 -C "$dir/mk-host"; t1=$(now)
	echo "($t1 - $t0) / 1000000" | bc >> "$dir/mk-n.txt"
	t0=$(now); echo 'cp -r /mk /tmp/mk && make -s -j2 -C /tmp/mk && cat /tmp/mk/sum' |
		"$wl" --load "$dir/fs" > "$dir/mk-w.out"; t1=$(now)
	echo "($t1 - $t0) / 1000000 - $boot" | bc >> "$dir/mk-w.txt"
done
grep -qx 20100 "$dir/mk-w.out" || say "make: the project inside did not sum to 20100 ($dir/mk-w.out)"
grep -qx 20100 "$dir/mk-host/sum" || say "make: the host's project did not sum to 20100"
n=$(median < "$dir/mk-n.txt"); w=$(median < "$dir/mk-w.txt")
say "make -j2, 200 shell recipes: host $n ms, wasmlinux $w ms, wasmlinux speed / host speed $(echo "scale=3; $n / $w" | bc)"

# Python: bench/ports.py (its TOTAL, the program's own clock), the port
# against the same source built for the host with the same configure
# defaults (-O3, no PGO or LTO: Debian's own python3.11 has both), built
# once into $build/bench/python-host (minutes) and kept
pysrc=$build/ports/python/src
pyhost=$build/bench/python-host
if [ -x "$pysrc/configure" ]; then
	if [ ! -x "$pyhost/python" ]; then
		say "python: building the host's python from $pysrc (once)"
		rm -rf "$pyhost" && mkdir -p "$pyhost"
		(cd "$pyhost" && "$pysrc/configure" --without-ensurepip --disable-test-modules &&
			make -j2) > "$build/bench/python-host.log" 2>&1 ||
			{ say "python: the host build failed ($build/bench/python-host.log)"; exit 1; }
	fi
	cp "$(dirname "$0")/ports.py" "$dir/fs/bench.py"
	: > "$dir/py-n.txt"; : > "$dir/py-w.txt"
	for _ in 1 2 3; do
		"$pyhost/python" -E "$dir/fs/bench.py" > "$dir/py-n.out"
		sed -n 's/^TOTAL //p' "$dir/py-n.out" >> "$dir/py-n.txt"
		echo 'python3 /bench.py' | WASMLINUX_CACHE=$build/ports/cache \
			"$wl" mem=1G --load "$build/ports/root" --load "$dir/fs" > "$dir/py-w.out"
		sed -n 's/^TOTAL //p' "$dir/py-w.out" >> "$dir/py-w.txt"
	done
	[ "$(grep checksum "$dir/py-n.out")" = "$(grep checksum "$dir/py-w.out")" ] ||
		say "python: the two outputs differ ($dir/py-*.out)"
	n=$(median < "$dir/py-n.txt"); w=$(median < "$dir/py-w.txt")
	say "python bench/ports.py: host build $n s, wasmlinux $w s, wasmlinux speed / host speed $(echo "scale=3; $n / $w" | bc)"
	for part in fib objects strings json regex sorting; do
		say "  python $part: host $(awk -v p=$part '$1 == p { print $2 }' "$dir/py-n.out") s, wasmlinux $(awk -v p=$part '$1 == p { print $2 }' "$dir/py-w.out") s"
	done
	goal "python within 1.5x of the host build ($(echo "scale=2; $w / $n" | bc)x)" "$w <= 1.5 * $n"
fi
