/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_HOST_H
#define _ASM_WASM_HOST_H

#include <linux/types.h>
#include <uapi/asm/host_ops.h>

/* Declares host_<name>() for every import of <uapi/asm/host_ops.h>. */
#define WASM_HOST_IMPORT(ret, name, params)				\
	ret host_##name params						\
		__attribute__((import_module("host"), import_name(#name)));
WASM_HOST_OPS(WASM_HOST_IMPORT)
#undef WASM_HOST_IMPORT

void host_panic(u32 msg_addr) __noreturn;
void host_power_off(u32 code) __noreturn;
void host_thread_exit(void) __noreturn;
void host_jmp_buf_longjmp(u32 jb) __noreturn;
void host_user_run(u32 mem, u32 args) __noreturn;
void host_user_thread_run(u32 mem, u32 stack) __noreturn;
void host_user_fork_run(u32 mem) __noreturn;

/* A kernel function as the host sees it: its function table index. */
#define HOST_FN(fn)	((u32)(unsigned long)(fn))
#define HOST_ADDR(p)	((u32)(unsigned long)(p))

#endif
