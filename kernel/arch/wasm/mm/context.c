// SPDX-License-Identifier: GPL-2.0
/*
 * The memory of a process.  A user program's memory is the host's (see
 * <asm/user_abi.h>): the mm only names it, and gives it back when the
 * last user of the mm is gone.
 */
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/slab.h>
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
	/* dup_mm() copied current's mm, context included */
	if (current->mm && mm->context.user_mem &&
	    mm->context.user_mem == current->mm->context.user_mem)
		return wasm_fork_mm(mm);
	mm->context.user_mem = 0;
	mm->context.threads = false;
	mm->context.args = NULL;
	return 0;
}

/*
 * Another task reads or writes @mm's memory (/proc/PID/cmdline, environ,
 * mem; ptrace).  A program's memory cannot be reached from another task's
 * host thread (on the web, a memory is known only to the workers that run
 * its threads), so what can be read is the copy of the arguments and the
 * environment that execve made, and nothing can be written.
 */
bool arch_access_remote_vm(struct mm_struct *mm, unsigned long addr,
			   void *buf, int *len, int write)
{
	unsigned long start = mm->arg_start, end = mm->env_end;
	const char *args = mm->context.args;

	if (!mm->context.user_mem)
		return false;
	if (write || !args || addr < start || addr >= end || *len <= 0) {
		*len = 0;
		return true;
	}
	*len = min_t(unsigned long, *len, end - addr);
	memcpy(buf, args + (addr - start), *len);
	return true;
}

void destroy_context(struct mm_struct *mm)
{
	/* (exit_mmap() freed them, unless mm_init() failed after us) */
	wasm_maps_destroy(mm);
	if (mm->context.user_mem)
		host_user_mem_free(mm->context.user_mem);
	kfree(mm->context.args);
}
