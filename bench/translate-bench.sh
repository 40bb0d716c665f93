#!/bin/sh
# Programs translated on demand (runtime/translate.c): the first exec's
# translation of a small program and of Lua 5.4 (the port, ports/lua, if make ports
# built it), timed by `wasmlinux compile` into a fresh cache; and a cached
# exec against the exec of a built-in BusyBox applet, in the same boot.
# Appends to $build/bench/results.txt.
set -eu
build=${1:-build}
wl=$build/bin/wasmlinux
dir=$build/bench/translate
results=$build/bench/results.txt
n=${BENCH_EXECS:-300}
rm -rf "$dir"
mkdir -p "$dir/bin"

. "$(dirname "$0")/lib.sh"
ms() { echo "scale=1; ($2 - $1) / 1000000" | bc; }

cat > "$dir/small.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv)
{
	char buf[64];
	snprintf(buf, sizeof(buf), "%d %s", argc, argc > 1 ? argv[1] : "");
	return 40 + argc + ((int)strlen(buf) > 100);
}
C
libc/wasm32-linux-musl-cc -O2 -o "$dir/bin/small" "$dir/small.c"
progs="small"
[ -f "$build/ports/root/usr/bin/lua" ] && cp "$build/ports/root/usr/bin/lua" "$dir/bin/lua" && progs="$progs lua"
for p in $progs; do
	t0=$(now)
	"$wl" compile "$dir/bin/$p" -o "$dir/cache-$p" > "$dir/$p.log" 2>&1
	t1=$(now)
	say "first-exec translation of $p ($(($(stat -c %s "$dir/bin/$p") / 1024)) KiB): $(ms "$t0" "$t1") ms ($(nproc) compilers)"
done

# n execs of the cached program and of a built-in applet in one boot
# (the cache is warm: the compile above filled it; every exec must have
# run the program, status 41)
cat > "$dir/bin/loop.sh" <<EOF2
t0=\$(date +%s%N); i=0; while [ \$i -lt $n ]; do /bin/true; i=\$((i+1)); done; t1=\$(date +%s%N)
ran=0; i=0; while [ \$i -lt $n ]; do /bin/small; [ \$? = 41 ] && ran=\$((ran+1)); i=\$((i+1)); done; t2=\$(date +%s%N)
[ \$ran = $n ] && echo "builtin \$(( (t1 - t0) / $n )) cached \$(( (t2 - t1) / $n ))"
EOF2
echo '. /bin/loop.sh' | "$wl" --cache "$dir/cache-small" --load "$dir/bin:/bin" > "$dir/loop.log" 2>&1
set -- $(sed -n 's/^builtin \([0-9]*\) cached \([0-9]*\).*/\1 \2/p' "$dir/loop.log")
if [ $# -eq 2 ]; then
	say "exec of a built-in BusyBox applet: $(echo "scale=3; $1 / 1000000" | bc) ms; of a cached translated program: $(echo "scale=3; $2 / 1000000" | bc) ms (mean of $n)"
	say "cached exec minus built-in exec: $(echo "scale=3; ($2 - $1) / 1000000" | bc) ms"
else
	say "translated-exec benchmark failed (see $dir/loop.log)"
fi
