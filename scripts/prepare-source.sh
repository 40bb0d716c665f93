#!/bin/sh
# Prepares a userland source tree from Debian's source package:
#   scripts/prepare-source.sh PACKAGE DEST [PATCHDIR]
# downloads it once (apt-get source, into DEST's parent), unpacks it with
# Debian's own patches applied, then applies PATCHDIR/*.patch in order.
# Re-extracts only when our patches change.
set -eu
pkg=$1
dest=$2
patches=${3:-}
dl=$(dirname "$dest")/dl
mkdir -p "$dl"

want=$( (echo "$pkg"; [ -n "$patches" ] && cat "$patches"/*.patch 2>/dev/null) | sha256sum | cut -d' ' -f1)
stamp=$dest/.wasmlinux-patches
[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && exit 0

dsc=$(ls "$dl"/"$pkg"_*.dsc 2>/dev/null | head -n1)
if [ -z "$dsc" ]; then
	echo "  FETCH   $pkg (apt-get source)"
	if ! (cd "$dl" && apt-get source --download-only "$pkg" >/dev/null 2>&1); then
		echo "error: apt-get source $pkg failed: is a deb-src line configured? (scripts/deps.sh adds one)" >&2
		exit 1
	fi
	dsc=$(ls "$dl"/"$pkg"_*.dsc | head -n1)
fi

rm -rf "$dest" "$dest.tmp"
echo "  EXTRACT $(basename "$dsc")"
dpkg-source --no-check -x "$dsc" "$dest.tmp" >/dev/null
if [ -n "$patches" ]; then
	for p in "$patches"/*.patch; do
		[ -e "$p" ] || continue
		echo "  PATCH   $(basename "$p")"
		if ! patch -p1 -d "$dest.tmp" --forward --quiet < "$p"; then
			echo "error: $p does not apply to $(basename "$dsc")" >&2
			exit 1
		fi
	done
fi
mv "$dest.tmp" "$dest"
echo "$want" > "$stamp"
