#!/bin/sh
# check-abi.sh PROGRAM.wasm...: each program imports exactly env.memory and
# linux.syscall and exports exactly _start and __wasm_signal (user_abi.h),
# and goes through wasm2c --enable-exceptions (with tools/w2c-fix-eh.py)
# and a C compiler.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for w in "$@"; do
	name=$(basename "$w" .wasm)
	wasm-objdump -j Import -x "$w" | sed -n 's/.*<- //p' | sort > "$tmp/imports"
	wasm-objdump -j Export -x "$w" | sed -n 's/.*-> "\(.*\)"/\1/p' | sort > "$tmp/exports"
	printf 'env.memory\nlinux.syscall\n' > "$tmp/want-imports"
	printf '__wasm_signal\n_start\n' > "$tmp/want-exports"
	if ! cmp -s "$tmp/imports" "$tmp/want-imports"; then
		echo "FAIL $name: imports $(tr '\n' ' ' < "$tmp/imports")"; fail=1; continue
	fi
	if ! cmp -s "$tmp/exports" "$tmp/want-exports"; then
		echo "FAIL $name: exports $(tr '\n' ' ' < "$tmp/exports")"; fail=1; continue
	fi
	if ! wasm2c --enable-exceptions -n "$name" "$w" -o "$tmp/w_$name.c" ||
	   ! python3 "$here/../../tools/w2c-fix-eh.py" "$tmp/w_$name.c" ||
	   ! ${HOSTCC:-gcc} -c -O1 -w -I/usr/share/wabt/wasm2c "$tmp/w_$name.c" -o "$tmp/w_$name.o"; then
		echo "FAIL $name: wasm2c"; fail=1; continue
	fi
	echo "ok   $name: imports/exports as user_abi.h, wasm2c and cc pass"
done
exit $fail
