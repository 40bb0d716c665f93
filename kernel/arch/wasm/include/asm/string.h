/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_STRING_H
#define _ASM_WASM_STRING_H

/*
 * wasm's bulk memory instructions (arch/wasm/lib/string.c) instead of
 * lib/string.c's byte loops.
 */
#define __HAVE_ARCH_MEMCPY
extern void *memcpy(void *dest, const void *src, __kernel_size_t count);
#define __HAVE_ARCH_MEMMOVE
extern void *memmove(void *dest, const void *src, __kernel_size_t count);
#define __HAVE_ARCH_MEMSET
extern void *memset(void *s, int c, __kernel_size_t count);

#endif /* _ASM_WASM_STRING_H */
