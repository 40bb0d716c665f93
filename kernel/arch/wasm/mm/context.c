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
	mm->context.threads = false;
	return 0;
}

/*
 * Another task reads or writes @mm's memory (it holds the mm, so the
 * program's memory stays): through the host, if it is a program's.
 */
bool arch_access_remote_vm(struct mm_struct *mm, unsigned long addr,
			   void *buf, int *len, int write)
{
	u32 mem = mm->context.user_mem, left;

	if (!mem)
		return false;
	if (*len <= 0)
		return true;
	if (write)
		left = host_user_write(mem, addr, HOST_ADDR(buf), *len);
	else
		left = host_user_read(mem, HOST_ADDR(buf), addr, *len);
	*len -= left;
	return true;
}

void destroy_context(struct mm_struct *mm)
{
	if (mm->context.user_mem)
		host_user_mem_free(mm->context.user_mem);
}
