// SPDX-License-Identifier: GPL-2.0
/*
 * User memory access.  The kernel never maps a user program's memory; it
 * reaches it through host copies, so a program can touch nothing but its
 * own memory.  Kernel threads and host tasks without a program have their
 * "user" memory in the kernel's (as on other NOMMU ports).
 */
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/host.h>

unsigned long raw_copy_from_user(void *to, const void __user *from,
				 unsigned long n)
{
	u32 mem = wasm_user_mem();

	if (mem)
		return host_user_read(mem, HOST_ADDR(to), HOST_ADDR(from), n);
	memcpy(to, (const void __force *)from, n);
	return 0;
}

unsigned long raw_copy_to_user(void __user *to, const void *from,
			       unsigned long n)
{
	u32 mem = wasm_user_mem();

	if (mem)
		return host_user_write(mem, HOST_ADDR(to), HOST_ADDR(from), n);
	memcpy((void __force *)to, from, n);
	return 0;
}

unsigned long __clear_user(void __user *to, unsigned long n)
{
	u32 mem = wasm_user_mem();

	if (mem)
		return host_user_clear(mem, HOST_ADDR(to), n);
	memset((void __force *)to, 0, n);
	return 0;
}

/* The length with the NUL, 0 on a fault, more than n if it is longer. */
long strnlen_user(const char __user *src, long n)
{
	u32 mem = wasm_user_mem();
	u64 end = (u64)__builtin_wasm_memory_size(0) << 16;
	unsigned long addr = (unsigned long)src;
	long len;

	if (n <= 0)
		return 0;
	if (mem)
		return host_user_strnlen(mem, addr, n);
	if (addr < WASM_NULL_GUARD || addr >= end)
		return 0;
	if (n > end - addr)
		n = end - addr;
	len = strnlen((const char __force *)src, n);
	/* a string that runs into the end of memory is a fault */
	if (len == n && addr + n == end)
		return 0;
	return len < n ? len + 1 : n + 1;
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	long len;

	if (count <= 0)
		return 0;
	len = strnlen_user(src, count);
	if (!len)
		return -EFAULT;
	if (len > count)
		len = count;
	if (raw_copy_from_user(dst, src, len))
		return -EFAULT;
	return dst[len - 1] ? len : len - 1;
}
