/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_MMU_H
#define _ASM_WASM_MMU_H

typedef struct {
	unsigned long end_brk;
	/*
	 * The host's memory of a user program (<asm/user_abi.h>), or 0:
	 * host tasks pass buffers in the kernel's own memory.
	 */
	u32 user_mem;
	/* the program can make threads (<asm/user_abi.h>) */
	bool threads;
	/* its arguments and environment as execve gave them (arg_start on) */
	char *args;
} mm_context_t;

#endif
