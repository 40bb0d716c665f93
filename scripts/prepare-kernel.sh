#!/bin/sh
# Prepares the kernel source tree: Debian's linux-source-6.12, our patches
# applied in order, our arch/wasm copied in.  Re-extracts only when the
# patches change; the arch copy keeps timestamps of unchanged files, so
# Kbuild rebuilds only what changed.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
src=$1
tarball=/usr/src/linux-source-6.12.tar.xz

want=$(cat "$top"/kernel/patches/*.patch | sha256sum | cut -d' ' -f1)
stamp=$src/.wasmlinux-patches
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
	[ -f "$tarball" ] || { echo "error: $tarball missing (Debian package linux-source-6.12)" >&2; exit 1; }
	tmp=$src.tmp
	rm -rf "$src" "$tmp"
	mkdir -p "$tmp"
	echo "  EXTRACT $tarball"
	tar -C "$tmp" -xf "$tarball"
	mv "$tmp"/linux-source-6.12 "$src"
	rmdir "$tmp"
	for p in "$top"/kernel/patches/*.patch; do
		echo "  PATCH   $(basename "$p")"
		if ! patch -p1 -d "$src" --forward --quiet < "$p"; then
			echo "error: kernel/patches/$(basename "$p") does not apply to $tarball" >&2
			rm -rf "$src"
			exit 1
		fi
	done
	echo "$want" > "$stamp"
fi

rsync -a --delete "$top"/kernel/arch/wasm/ "$src"/arch/wasm/
mkdir -p "$src"/arch/wasm/configs
rsync -a "$top"/kernel/configs/ "$src"/arch/wasm/configs/
