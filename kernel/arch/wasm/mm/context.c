// SPDX-License-Identifier: GPL-2.0
/*
 * The memory of a process.  A user program's memory is the host's (see
 * <asm/user_abi.h>): the mm only names it, and gives it back when the
 * last user of the mm is gone.
 */
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <asm/host.h>
#include <asm/mmu_context.h>
#include <asm/uaccess.h>

/* The host handle of current's program memory, 0 if it runs none. */
u32 wasm_user_mem(void)
{
	struct mm_struct *mm = current->mm;

	return mm ? mm->context.user_mem : 0;
}

int init_new_context(struct task_struct *tsk, struct mm_struct *mm)
{
	mm->context.user_mem = 0;
	return 0;
}

void destroy_context(struct mm_struct *mm)
{
	if (mm->context.user_mem)
		host_user_mem_free(mm->context.user_mem);
}
