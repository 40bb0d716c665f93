/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_PTRACE_H
#define _ASM_WASM_PTRACE_H

#include <uapi/asm/ptrace.h>

/* The registers of a system call: its number, six argument slots, result. */
struct pt_regs {
	long syscallno;
	long args[6];
	long ret;
};

#define user_mode(regs)			(0)
#define instruction_pointer(regs)	(0)
#define user_stack_pointer(regs)	(0)
#define profile_pc(regs)		(0)
#define current_pt_regs()		(task_pt_regs(current))

static inline long regs_return_value(struct pt_regs *regs)
{
	return regs->ret;
}

#endif
