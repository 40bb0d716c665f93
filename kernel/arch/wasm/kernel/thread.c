// SPDX-License-Identifier: GPL-2.0
/*
 * Threads of user programs (see <asm/user_abi.h>).  A program's code runs
 * on the host thread that started it, so a thread made by clone with
 * CLONE_VM gets a host thread of its own, where the host runs a new
 * instance of the program over the same memory, from the program's
 * __wasm_thread_start(stack).  The child does not return from clone: the
 * libc has stored at the stack what it is to run.  A fork's child starts
 * here too (fork.c).
 */
#include <linux/mm_types.h>
#include <linux/sched/task.h>
#include <asm/host.h>
#include "wasm_arch.h"

/* copy_thread() of a user clone: what the new task's thread will run. */
int wasm_user_clone(struct task_struct *p, const struct kernel_clone_args *args)
{
	struct mm_struct *mm = current->mm;

	/* Without CLONE_VM it is a fork, which needs the stack unwound. */
	if (!(args->flags & CLONE_VM))
		return wasm_fork_child(p);
	/* (a fork's clone_args are the program's, read after its check) */
	if (current->thread.forking)
		return -EINVAL;
	if (!mm || !mm->context.user_mem || !mm->context.threads ||
	    !args->stack)
		return -EINVAL;
	p->thread.start_mem = mm->context.user_mem;
	p->thread.start_args = args->stack;
	return 0;
}

/* The new task, on its own host thread: it leaves for its program. */
void __noreturn wasm_user_thread_start(struct task_struct *p)
{
	struct thread_struct *t = &p->thread;

	wasm_host_task_bind(p);
	t->user_thread = host_thread_self();
	wasm_host_leave();
	if (t->fork_child)
		host_user_fork_run(t->start_mem);
	host_user_thread_run(t->start_mem, t->start_args);
}
