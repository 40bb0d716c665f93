#!/bin/sh
# install-tree.sh SRC DST [KEEP]: copies the files under SRC to DST, each
# only if its content changed (so that nothing depending on DST rebuilds
# needlessly), skipping those that exist under KEEP (musl's own headers
# win over the kernel's).
set -eu
src=$1 dst=$2 keep=${3:-}
cd "$src"
find . -type f | while read -r f; do
	f=${f#./}
	[ -n "$keep" ] && [ -e "$keep/$f" ] && continue
	if ! cmp -s "$f" "$dst/$f"; then
		mkdir -p "$dst/$(dirname "$f")"
		cp "$f" "$dst/$f.tmp"
		mv "$dst/$f.tmp" "$dst/$f"
	fi
done
