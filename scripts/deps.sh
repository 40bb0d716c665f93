#!/bin/sh
# Installs the Debian packages the build needs, if any tool is missing.
# With --check, only reports the first missing tool and fails.
set -eu

# tool:package pairs
TOOLS="clang-19:clang-19 wasm-ld-19:lld-19 llvm-nm-19:llvm-19 llvm-ar-19:llvm-19
wasm2c:wabt wasm-objdump:wabt flex:flex bison:bison bc:bc make:make gcc:gcc
perl:perl python3:python3 pkg-config:pkg-config cpio:cpio node:nodejs npm:npm chromium:chromium rsync:rsync xz:xz-utils patch:patch ccache:ccache
dpkg-source:dpkg-dev bzip2:bzip2"
FILES="/usr/src/linux-source-6.12.tar.xz:linux-source-6.12
/usr/include/stdio.h:libc6-dev
/usr/include/wasm-rt.h:wabt /usr/include/libelf.h:libelf-dev
/usr/include/openssl/ssl.h:libssl-dev
/usr/lib/llvm-19/lib/clang/19/lib/wasi/libclang_rt.builtins-wasm32.a:libclang-rt-19-dev-wasm32"

# Userland sources come from Debian's source packages (apt-get source).
SRCLIST=/etc/apt/sources.list.d/wasmlinux-src.sources
need_src=""
grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ /etc/apt/sources.list || need_src=1

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
	echo "deps: adding deb-src lines ($SRCLIST)"
	$SUDO tee "$SRCLIST" >/dev/null <<EOS
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOS
fi
$SUDO apt-get update -qq
# shellcheck disable=SC2086
[ -n "$pkgs" ] && $SUDO apt-get install -y -qq --no-install-recommends $pkgs
exec "$0" --check
