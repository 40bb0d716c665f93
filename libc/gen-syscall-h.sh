#!/bin/sh
# gen-syscall-h.sh UNISTD_32_H: musl's bits/syscall.h.in from the kernel's
# generated asm/unistd_32.h.  The kernel has no time32 calls, so each
# *_time64 / *64 call of the time64 range (403-423) also gets its legacy
# name where no call of that name exists: musl and programs use
# SYS_clock_gettime, SYS_futex, ... and expect the 64-bit time variant.
# _llseek is musl's name for the 32-bit llseek.
set -eu
awk '
/^#define __NR_[a-z0-9_]+ [0-9]+$/ {
	name = substr($2, 6); nr = $3 + 0
	print "#define __NR_" name " " nr
	have[name] = 1
	if (nr >= 403 && nr <= 423) t64[name] = 1
}
END {
	for (n in t64) {
		b = n
		if (!sub(/_time64$/, "", b)) sub(/64$/, "", b)
		if (!(b in have)) print "#define __NR_" b " __NR_" n | "sort"
	}
	# musl knows the 32-bit llseek by its old name.
	if ("llseek" in have) print "#define __NR__llseek __NR_llseek"
}' "$1"
