#!/bin/sh
# Builds one port: ports/build.sh BUILD NAME
#
# A port is ports/NAME/recipe, a shell fragment that sets
#   source=PKG        the Debian source package (apt-get source PKG)
#   skip="P ..."      patches of Debian's series left out (the recipe
#                     says why, beside the line)
#   needs="PORT ..."  ports whose files it builds with (their dest)
#   run="PATH ..."    what of its dest the system gets (files or folders
#                     under dest/; the files among them that are wasm programs
#                     are stripped: list programs as files; !PATH
#                     leaves PATH out of a folder listed before it)
#   tests="PATH ..."  the same for what its test suite needs beside
#                     (tests/ports/NAME.sh), kept out of the system
# and a function build, which runs in BUILD/ports/NAME/obj with
#   $src   the prepared source: Debian's tree, Debian's patches but the
#          skipped ones, then ports/NAME/*.patch (ours, in order)
#   $dest  where `make install DESTDIR=$dest` goes
#   $host  the triplet (wasm32-unknown-linux-musl); $CC $AR $RANLIB
#          $STRIP the tools of build/bin; $CONFIG_SITE the answers to
#          configure's questions that a cross build cannot run
#   $ports BUILD/ports, so that $ports/tcl/dest is Tcl's install
# and may define check_build, a quick look at the result (a failing
# command fails the build).
#
# The port's files go to BUILD/ports/NAME/dest; make (ports/ports.mk)
# assembles BUILD/ports/root from every port's run list, and
# BUILD/ports/tests from the tests lists.  The build log
# is BUILD/ports/NAME/build.log; its end is printed on failure.
set -eu
b=$(cd "$1" && pwd)
name=$2
top=$(cd "$(dirname "$0")/.." && pwd)
recipe=$top/ports/$name/recipe
[ -f "$recipe" ] || { echo "ports/build.sh: no port $name ($recipe)" >&2; exit 1; }

bin=$b/bin
for f in "$bin/wasm32-linux-musl-cc" "$b/sysroot/lib/libc.a"; do
	[ -f "$f" ] || { echo "ports/build.sh: $f missing (run make toolchain)" >&2; exit 1; }
done
host=wasm32-unknown-linux-musl
CC=$bin/wasm32-linux-musl-cc
AR=$bin/wasm32-linux-musl-ar
RANLIB=$bin/wasm32-linux-musl-ranlib
STRIP=$bin/wasm32-linux-musl-strip
CONFIG_SITE=$top/ports/config.site
# (pkg-config would answer with the build machine's libraries: it sees
# only what the ports themselves install, in the recipes that give it)
PKG_CONFIG_LIBDIR=$b/ports/no-pkgconfig
export CC AR RANLIB STRIP CONFIG_SITE PKG_CONFIG_LIBDIR

source=
skip=
needs=
run=
tests=
check_build() { :; }
. "$recipe"
skip=$(echo $skip)
[ -n "$source" ] || { echo "ports/build.sh: $recipe sets no source" >&2; exit 1; }

ports=$b/ports
work=$ports/$name
for n in $needs; do
	[ -d "$ports/$n/dest" ] || { echo "ports/build.sh: $name needs the port $n (build it first)" >&2; exit 1; }
done

# Debian's source, downloaded once beside the others (BUILD/src/dl)
dl=$b/src/dl
mkdir -p "$dl"
dsc=$(ls "$dl/${source}"_*.dsc 2>/dev/null | head -n1)
if [ -z "$dsc" ]; then
	echo "  FETCH   $source (apt-get source)"
	if ! (cd "$dl" && apt-get source --download-only "$source" >/dev/null 2>&1); then
		echo "error: apt-get source $source failed: is a deb-src line configured? (scripts/deps.sh adds one)" >&2
		exit 1
	fi
	dsc=$(ls "$dl/${source}"_*.dsc | head -n1)
fi

rm -rf "$work"
mkdir -p "$work/obj" "$work/dest"
src=$work/src
dest=$work/dest
log=$work/build.log
# (a package of format 1.0 has no series: its one diff, applied here,
# is Debian's whole change)
skip_patches=--skip-patches
grep -q '^Format: 1\.0' "$dsc" && skip_patches=
dpkg-source --no-check $skip_patches -x "$dsc" "$src" >/dev/null
series=$src/debian/patches/series
if [ -f "$series" ]; then
	for p in $(grep -v '^#' "$series"); do
		case " $skip " in *" $p "*) continue ;; esac
		patch -p1 -d "$src" --forward --quiet < "$src/debian/patches/$p"
	done
fi
for p in "$top/ports/$name"/*.patch; do
	[ -f "$p" ] || continue
	patch -p1 -d "$src" --forward --quiet < "$p"
done

echo "  PORT    $name ($(basename "$dsc" .dsc))"
# (set -e holds in the recipe's functions only outside an if or &&)
set +e
(set -e; cd "$work/obj"; build; check_build) > "$log" 2>&1
status=$?
set -e
if [ $status != 0 ]; then
	tail -n 25 "$log" >&2
	echo "error: the build of the port $name failed (log: $log)" >&2
	exit 1
fi
for p in $run $tests; do
	p=${p#!}
	[ -e "$work/dest/$p" ] || [ -L "$work/dest/$p" ] ||
		{ echo "error: port $name: $p is in its run or tests list but was not installed" >&2; exit 1; }
done
