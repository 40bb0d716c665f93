#!/bin/sh
# Assembles a tree from the ports' lists of files (ports/build.sh):
#   ports/assemble-root.sh BUILD LIST DIR NAME...
# DIR (under BUILD/ports) gets what the variable LIST (run or tests) of
# each port NAME's recipe names in its dest (but what a !PATH after it
# leaves out).  The tree is made anew each
# time (a copy: seconds), so that what a port no longer installs goes
# too; the listed files that are wasm programs (not files inside listed
# folders) are stripped, and listed in DIR.programs (for the
# translation ahead, ports/ports.mk).
set -eu
b=$(cd "$1" && pwd)
list=$2
out=$b/ports/$3
shift 3
top=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out.new"
mkdir -p "$out.new"
: > "$out.programs.new"
for name in "$@"; do
	eval "$list="
	eval "$(grep "^$list=" "$top/ports/$name/recipe")"
	dest=$b/ports/$name/dest
	for p in $(eval echo "\$$list"); do
		# (!PATH: leave out PATH, inside a folder the list named)
		case $p in '!'*) rm -rf "$out.new/${p#!}"; continue ;; esac
		mkdir -p "$out.new/$(dirname "$p")"
		cp -a "$dest/$p" "$out.new/$p"
		# (a wasm module starts with \0asm)
		if [ -f "$out.new/$p" ] && [ ! -L "$out.new/$p" ] &&
			[ "$(head -c 4 "$out.new/$p" | od -An -c | tr -d ' ')" = '\0asm' ]; then
			"$b/bin/wasm32-linux-musl-strip" "$out.new/$p"
			echo "$out/$p" >> "$out.programs.new"
		fi
	done
done
rm -rf "$out"
mv "$out.new" "$out"
mv "$out.programs.new" "$out.programs"
echo "  TREE    $out ($(du -sh "$out" | cut -f1))"
