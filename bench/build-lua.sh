#!/bin/sh
# Lua 5.4's interpreter for WasmLinux, built from Debian's source package
# (lua5.4) with the toolchain for users, as a user would:
#   bench/build-lua.sh [BUILD]   ->  BUILD/bench/lua.wasm (stripped)
# Does nothing when lua.wasm is newer than the driver, the libc and this
# script.  Lua's own Makefile takes the tools from its command line:
#   make -C src linux CC="wasm32-linux-musl-cc -std=gnu99" \
#     AR="wasm32-linux-musl-ar rcu" RANLIB=wasm32-linux-musl-ranlib
# Debian's patches are applied but two: 0001-build-system.patch makes
# Debian's libtool build of a shared library and a C++ copy (libtool is
# configured for the host, and there is no C++ library for wasm32), and
# 0002-lua-modules-paths.patch includes a header that Debian's build
# generates; neither matters for the interpreter.  The others (extern "C"
# in lua.hpp, the fixes for CVE-2022-28805 and CVE-2022-33099) are kept.
set -eu
b=$(cd "${1:-build}" && pwd)
bin=$b/bin
out=$b/bench/lua.wasm
self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")

stale=0
for f in "$bin/wasm32-linux-musl-cc" "$b/sysroot/lib/libc.a" "$b/sysroot/lib/crt1.o" "$self"; do
	[ -f "$f" ] || { echo "build-lua.sh: $f missing (run make)" >&2; exit 1; }
	[ -f "$out" ] && [ ! "$f" -nt "$out" ] || stale=1
done
[ $stale = 0 ] && exit 0

# Debian's source, downloaded once beside the others (BUILD/src/dl)
dl=$b/src/dl
mkdir -p "$dl" "$b/bench"
dsc=$(ls "$dl"/lua5.4_*.dsc 2>/dev/null | head -n1)
if [ -z "$dsc" ]; then
	echo "  FETCH   lua5.4 (apt-get source)"
	if ! (cd "$dl" && apt-get source --download-only lua5.4 >/dev/null 2>&1); then
		echo "error: apt-get source lua5.4 failed: is a deb-src line configured? (scripts/deps.sh adds one)" >&2
		exit 1
	fi
	dsc=$(ls "$dl"/lua5.4_*.dsc | head -n1)
fi

src=$b/bench/lua-src
log=$b/bench/lua-build.log
rm -rf "$src"
dpkg-source --no-check --skip-patches -x "$dsc" "$src" >/dev/null
for p in $(grep -v '^#' "$src/debian/patches/series"); do
	case $p in
	0001-build-system.patch|0002-lua-modules-paths.patch) continue ;;
	esac
	patch -p1 -d "$src" --forward --quiet < "$src/debian/patches/$p"
done

echo "  LUA     $out"
if ! make -C "$src/src" -j2 linux CC="$bin/wasm32-linux-musl-cc -std=gnu99" \
	AR="$bin/wasm32-linux-musl-ar rcu" RANLIB="$bin/wasm32-linux-musl-ranlib" \
	> "$log" 2>&1; then
	tail -n 20 "$log" >&2
	echo "error: the Lua build failed (log: $log)" >&2
	exit 1
fi
"$bin/wasm32-linux-musl-strip" "$src/src/lua" -o "$out.tmp"
mv "$out.tmp" "$out"
