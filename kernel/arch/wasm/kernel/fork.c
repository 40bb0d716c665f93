// SPDX-License-Identifier: GPL-2.0
/*
 * fork of user programs (see <asm/user_abi.h>).  A program's wasm call
 * stack is not in its memory, so the host first unwinds the forking
 * thread's stack into the memory (Asyncify), then makes this call: the
 * new mm gets a host copy of the memory, with an instance of the program
 * that the child's host thread rewinds.  Only the calling thread is
 * copied.  The call itself is a clone3 (syscall.c), made while
 * thread.forking says that the memory is unwound and may be copied.
 */
#include <linux/mm_types.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <asm/host.h>
#include <asm/mmu_context.h>
#include "wasm_arch.h"

/*
 * init_new_context() of an mm that dup_mm() copied from current's: a
 * fork gets a memory of its own, a clone without CLONE_VM that was no
 * fork gets none (and fails in copy_thread()).
 */
int wasm_fork_mm(struct mm_struct *mm)
{
	const char *args = mm->context.args;
	u32 mem = mm->context.user_mem;

	mm->context.user_mem = 0;
	mm->context.args = NULL;
	if (!current->thread.forking)
		return 0;
	if (args) {
		mm->context.args = kmemdup(args, mm->env_end - mm->arg_start,
					   GFP_KERNEL);
		if (!mm->context.args)
			return -ENOMEM;
	}
	/* (no destroy_context() if this fails: what is done is undone here) */
	if (wasm_maps_fork(mm, current->mm))
		goto fail;
	mm->context.user_mem = host_user_mem_fork(mem);
	if (!mm->context.user_mem)
		goto fail;
	return 0;
fail:
	wasm_maps_destroy(mm);
	kfree(mm->context.args);
	mm->context.args = NULL;
	return -ENOMEM;
}

/* copy_thread() of the fork's child: it rewinds the copy. */
int wasm_fork_child(struct task_struct *p)
{
	if (!current->thread.forking || !p->mm || !p->mm->context.user_mem)
		return -ENOSYS;
	p->thread.start_mem = p->mm->context.user_mem;
	p->thread.fork_child = true;
	return 0;
}
