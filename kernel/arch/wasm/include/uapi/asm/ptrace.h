/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
#ifndef _UAPI_ASM_WASM_PTRACE_H
#define _UAPI_ASM_WASM_PTRACE_H

#ifndef __ASSEMBLY__
/* A wasm task has no user-visible registers beyond its syscall state. */
struct user_regs_struct {
	unsigned long syscallno;
	unsigned long args[6];
	unsigned long ret;
};
#endif

#endif
