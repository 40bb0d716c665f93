/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_PTRACE_H
#define _ASM_WASM_PTRACE_H

#include <uapi/asm/ptrace.h>

/*
 * The registers of a system call: its number, six argument slots, result.
 * An interrupt's (get_irq_regs()) say only whether it came while current
 * was away running its user program or host code (irq.c).
 */
struct pt_regs {
	long syscallno;
	long args[6];
	long ret;
	long from_user;
};

#define user_mode(regs)			((regs)->from_user)
#define instruction_pointer(regs)	(0)
#define user_stack_pointer(regs)	(0)
#define profile_pc(regs)		(0)
#define current_pt_regs()		(task_pt_regs(current))

static inline long regs_return_value(struct pt_regs *regs)
{
	return regs->ret;
}

#endif
