#!/bin/sh
# Installs the Debian packages the build needs, if any tool is missing.
# With --check, only reports the first missing tool and fails.
set -eu

# tool:package pairs
TOOLS="clang-19:clang-19 wasm-ld-19:lld-19 llvm-nm-19:llvm-19 llvm-ar-19:llvm-19
wasm2c:wabt wasm-objdump:wabt flex:flex bison:bison bc:bc make:make gcc:gcc
perl:perl python3:python3 python3.11:python3.11 pkg-config:pkg-config cpio:cpio node:nodejs npm:npm chromium:chromium rsync:rsync xz:xz-utils patch:patch ccache:ccache
dpkg-source:dpkg-dev bzip2:bzip2 wasm-opt:binaryen curl:curl esbuild:esbuild
mke2fs:e2fsprogs e2fsck:e2fsprogs debugfs:e2fsprogs mksquashfs:squashfs-tools
genisoimage:genisoimage mkfs.vfat:dosfstools tclsh:tcl
autoreconf:autoconf automake:automake autopoint:autopoint
x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 wine:wine"
FILES="/usr/src/linux-source-6.12.tar.xz:linux-source-6.12
/usr/include/stdio.h:libc6-dev
/usr/include/wasm-rt.h:wabt /usr/include/libelf.h:libelf-dev
/usr/include/openssl/ssl.h:libssl-dev /usr/include/slirp/libslirp.h:libslirp-dev
/usr/include/fuse3/fuse.h:libfuse3-dev /usr/bin/fusermount3:fuse3
/usr/lib/wine/wine64:wine64 /etc/services:netbase /etc/protocols:netbase
/usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a:libclang-rt-19-dev-wasm32"

# Userland sources come from Debian's source packages (apt-get source),
# which need a deb-src entry for the release.
SRCLIST=/etc/apt/sources.list.d/wasmlinux-src.sources
need_src=""
grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list.d/ /etc/apt/sources.list ||
	need_src=1

# deb_src_entries: deb-src entries (deb822) for the release's own suite,
# with the mirror, components and keyring of the machine's existing deb
# entries, from both apt formats.
deb_src_entries() {
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
	[ -n "$codename" ] || return 0
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk -v suite="$codename" '
		function flush() {
			if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && uris != "")
				printf "Types: deb-src\nURIs: %s\nSuites: %s\nComponents: %s\n%s\n",
				       uris, suite, comps, signed != "" ? "Signed-By: " signed "\n" : ""
			types = uris = suites = comps = signed = ""
		}
		/^[ \t]*$/ { flush(); next }
		/^#/ { next }
		{ key = $1; sub(/^[^:]*:[ \t]*/, "") }
		key == "Types:" { types = $0 }
		key == "URIs:" { uris = $0 }
		key == "Suites:" { suites = $0 }
		key == "Components:" { comps = $0 }
		key == "Signed-By:" { signed = $0 }
		END { flush() }' "$f"
	done
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
	awk -v suite="$codename" '
	$1 == "deb" {
		opts = ""; i = 2
		if ($2 ~ /^\[/) { while ($i !~ /\]$/) { opts = opts " " $i; i++ }; opts = opts " " $i; i++ }
		if ($(i + 1) != suite) next
		comps = ""; for (j = i + 2; j <= NF; j++) comps = comps " " $j
		signed = ""
		if (match(opts, /signed-by=[^] ]*/)) signed = substr(opts, RSTART + 10, RLENGTH - 10)
		printf "Types: deb-src\nURIs: %s\nSuites: %s\nComponents:%s\n%s\n",
		       $i, suite, comps, signed != "" ? "Signed-By: " signed "\n" : ""
	}'
}

missing=""
for pair in $TOOLS; do
	command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing $pair"
done
for pair in $FILES; do
	[ -e "${pair%%:*}" ] || missing="$missing $pair"
done
[ -z "$missing" ] && [ -z "$need_src" ] && exit 0

if [ "${1:-}" = "--check" ]; then
	if [ -z "$missing" ]; then
		echo "error: no deb-src line for apt-get source; run scripts/deps.sh" >&2
		exit 1
	fi
	first=${missing# }; first=${first%% *}
	echo "error: missing ${first%%:*} (Debian package ${first##*:}); run scripts/deps.sh" >&2
	exit 1
fi

pkgs=$(for pair in $missing; do echo "${pair##*:}"; done | sort -u | tr '\n' ' ')
[ -n "$pkgs" ] && echo "deps: installing $pkgs"
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
if [ -n "$need_src" ]; then
	entries=$(deb_src_entries)
	if [ -z "$entries" ]; then
		echo "error: no deb entry for this release in /etc/apt/sources.list{,.d}:" \
		     "add a deb-src entry for it by hand (apt-get source needs one)" >&2
		exit 1
	fi
	echo "deps: apt-get source needs deb-src entries; writing $SRCLIST," \
	     "from the machine's deb entries:"
	echo "$entries" | sed 's/^/deps:   /'
	echo "$entries" | $SUDO tee "$SRCLIST" >/dev/null
fi
$SUDO apt-get update -qq
# shellcheck disable=SC2086
[ -n "$pkgs" ] && $SUDO apt-get install -y -qq --no-install-recommends $pkgs
exec "$0" --check
