#!/bin/sh
# Builds the kernel selftests that programs.txt lists, from Debian's
# linux-source tree that the kernel build prepared (BUILD/linux), with
# the installed toolchain, into BUILD/selftests/fs/selftests/DIR/PROG:
# a tree for `wasmlinux --load`.  The sources are copied into
# BUILD/selftests/src first and patches/ applied there, so that the
# kernel's tree stays as Debian's.  Also makes what the directories'
# Makefiles generate besides programs (exec's symlink, script, ...).
# A line of programs.txt may end in timeout=SECONDS: the program's limit
# in run.sh (120 s if not).
set -eu
build=$(cd "${1:-build}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
st=$build/linux/tools/testing/selftests
cc=$build/bin/wasm32-linux-musl-cc
src=$build/selftests/src
fs=$build/selftests/fs/selftests

[ -d "$st" ] || { echo "$0: no $st (build the kernel first)" >&2; exit 1; }
[ -x "$cc" ] || { echo "$0: no $cc (make toolchain first)" >&2; exit 1; }

rm -rf "$src" "$fs"
mkdir -p "$src" "$fs"
cp "$st"/kselftest.h "$st"/kselftest_harness.h "$src"/
dirs=$(grep -v '^#' "$here/programs.txt" | cut -d/ -f1 | sort -u)
for d in $dirs; do cp -r "$st/$d" "$src/$d"; done
for p in "$here"/patches/*.patch; do
	patch -s -d "$src" -p1 < "$p" || { echo "$0: $p does not apply" >&2; exit 1; }
done

# The flags of the directories' Makefiles, in one set: -D_GNU_SOURCE is
# what glibc's headers give these programs implicitly (basename,
# program_invocation_name, ...); include/ has glibc's <error.h>.
cflags="-O2 -g0 -Wall -Wno-unused -Wno-format -Wno-macro-redefined -D_GNU_SOURCE -pthread \
	-I$here/include -I$src -I$src/futex/include \
	-isystem $build/linux/tools/include/uapi"
# (run.sh reads the list of programs, with their time limits, from
# BUILD/selftests/programs)
grep -v '^#' "$here/programs.txt" | while read -r file extra; do
	dir=${file%/*}
	dir=${dir%/functional}
	name=$(basename "$file" .c)
	limit=$(echo " $extra" | sed -n 's/.* timeout=\([0-9]*\).*/\1/p')
	extra=$(echo " $extra" | sed 's/ timeout=[0-9]*//')
	mkdir -p "$fs/$dir"
	# shellcheck disable=SC2086
	if ! (cd "$src" && "$cc" $cflags $extra "$file" -o "$fs/$dir/$name" \
			-lrt -lm) > "$build/selftests/$name.log" 2>&1; then
		echo "$0: $file does not build:" >&2
		sed 's/^/  /' "$build/selftests/$name.log" >&2
		exit 1
	fi
	echo "  SELFTEST $dir/$name"
	echo "$dir/$name ${limit:-120}" >&3
done 3> "$build/selftests/programs"

# exec/Makefile's TEST_GEN_FILES (its script runs bash: ours is sh).
(cd "$fs/exec" && mkdir -p subdir && ln -sf execveat execveat.symlink &&
	cp execveat execveat.denatured && chmod -x execveat.denatured &&
	printf '#!/bin/sh\nexit $*\n' > script && chmod +x script &&
	cp "$st/exec/Makefile" .)
