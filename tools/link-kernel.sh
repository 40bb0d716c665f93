#!/bin/sh
# Links the kernel's built-in archives into kernel.wasm, replacing what
# Kbuild does after vmlinux.a (vmlinux.o, modpost, link-vmlinux.sh): a
# first link finds the table sections, gen-tables.py turns them into C,
# and the final link is strict (no undefined symbol but the host imports).
set -eu
kobj=$1
out=$2
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$out.d
mkdir -p "$tmp"

# Layout constants shared with the host (host_ops.h).
host_const() {
	v=$(printf '#include <asm/host_ops.h>\n%s\n' "$1" |
		clang-19 -E -P -I"$top/kernel/arch/wasm/include/uapi" - | tail -n 1)
	echo $(($v))
}
initial=$(host_const WASM_INITIAL_MEMORY)
guard=$(host_const WASM_NULL_GUARD)

archives="$kobj/init/version-timestamp.o --whole-archive $kobj/vmlinux.a --no-whole-archive $kobj/lib/lib.a $kobj/arch/wasm/lib/lib.a"
# Function table indices stay above 4096: kvfree_rcu() takes smaller
# values for offsets, not functions.  Static data starts above the first
# 64 KiB, which the host keeps inaccessible to catch NULL pointers.
flags="--no-entry --import-memory --initial-memory=$initial --max-memory=4294967296
 --table-base=4096 --global-base=$guard -z stack-size=65536
 --export=__stack_pointer --export-table --error-limit=0"

# shellcheck disable=SC2086
wasm-ld-19 $flags --unresolved-symbols=ignore-all $archives -o "$tmp/pass1.wasm"
python3 "$top/tools/gen-tables.py" "$tmp/pass1.wasm" "$tmp/tables.c"
clang-19 --target=wasm32-unknown-unknown -O2 -ffreestanding -nostdlib \
	-Wall -Werror -c "$tmp/tables.c" -o "$tmp/tables.o"

# Undefined symbols are reported only in live code: check with no GC too.
# shellcheck disable=SC2086
wasm-ld-19 $flags --no-gc-sections $archives "$tmp/tables.o" -o "$tmp/nogc.wasm"
# shellcheck disable=SC2086
wasm-ld-19 $flags --fatal-warnings $archives "$tmp/tables.o" -o "$out"
