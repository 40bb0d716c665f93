/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_UACCESS_H
#define _ASM_WASM_UACCESS_H

#include <linux/types.h>
#include <uapi/asm/host_ops.h>

/*
 * Host tasks pass buffers in the kernel's own linear memory.  A pointer
 * into the NULL guard or past the end of memory would trap the kernel,
 * so it is refused (EFAULT) here.
 */
static inline int __access_ok(const void __user *ptr, unsigned long size)
{
	u64 end = (u64)__builtin_wasm_memory_size(0) << 16;
	unsigned long addr = (unsigned long)ptr;

	return addr >= WASM_NULL_GUARD && (u64)addr + size <= end;
}
#define __access_ok __access_ok

#include <asm-generic/uaccess.h>

#endif
