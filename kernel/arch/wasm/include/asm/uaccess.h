/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_UACCESS_H
#define _ASM_WASM_UACCESS_H

#include <linux/types.h>
#include <linux/unaligned.h>
#include <uapi/asm/host_ops.h>

/*
 * "User memory" is one of two things.  A user program has a memory of its
 * own, which only the host can reach (mm->context.user_mem).  Host tasks
 * pass buffers in the kernel's own linear memory instead; a pointer into
 * the NULL guard or past the end of that memory would trap the kernel,
 * so it is refused (EFAULT) here.
 */
u32 wasm_user_mem(void);

static inline int __access_ok(const void __user *ptr, unsigned long size)
{
	u64 end = (u64)__builtin_wasm_memory_size(0) << 16;
	unsigned long addr = (unsigned long)ptr;

	if (wasm_user_mem())
		return (u64)addr + size <= 1ULL << 32;
	return addr >= WASM_NULL_GUARD && (u64)addr + size <= end;
}
#define __access_ok __access_ok

unsigned long raw_copy_from_user(void *to, const void __user *from,
				 unsigned long n);
unsigned long raw_copy_to_user(void __user *to, const void *from,
			       unsigned long n);
unsigned long __clear_user(void __user *to, unsigned long n);
#define __clear_user __clear_user

#define __get_kernel_nofault(dst, src, type, err_label)			\
do {									\
	*((type *)dst) = get_unaligned((type *)(src));			\
	if (0)								\
		goto err_label;						\
} while (0)

#define __put_kernel_nofault(dst, src, type, err_label)			\
do {									\
	put_unaligned(*((type *)src), (type *)(dst));			\
	if (0)								\
		goto err_label;						\
} while (0)

#include <asm-generic/uaccess.h>

#endif
