// SPDX-License-Identifier: GPL-2.0
/*
 * vfork for user programs.  A program's code runs on one host thread and
 * cannot move, so the child of vfork borrows its parent's thread: the
 * thread goes on as the child (the parent's task stays switched out) until
 * the child executes a program or exits.  Then the child gets a host
 * thread of its own for that, and the borrowed thread becomes the parent
 * again, with the child's pid as the result (see <asm/user_abi.h>).
 */
#include <linux/sched/task.h>
#include <linux/syscalls.h>
#include <asm/host.h>
#include "wasm_arch.h"

long wasm_vfork(struct task_struct *parent, unsigned long flags)
{
	struct kernel_clone_args args = {
		.flags		= flags & ~(CSIGNAL | CLONE_VFORK),
		.exit_signal	= flags & CSIGNAL,
		.fn		= wasm_host_task_fn,
		.fn_arg		= WASM_BORROWED_THREAD,
	};
	struct task_struct *child;
	pid_t pid;

	pid = kernel_clone(&args);
	if (pid < 0)
		return pid;
	/* It has no thread to exit on yet: it is still there. */
	rcu_read_lock();
	child = find_task_by_vpid(pid);
	rcu_read_unlock();
	child->thread.vfork_parent = parent;
	child->thread.host_thread = host_thread_self();

	/* Switch to the child on this thread, as wasm_host_enter() does. */
	wasm_switch_away(parent);
	host_sem_down(child->thread.sched_sem);
	schedule_tail(child->thread.prev_sched);
	wasm_host_task_bind(child);
	return 0;
}

/* The child's own thread: it runs the new program, or exits. */
static void wasm_vfork_child_thread(u32 arg)
{
	struct task_struct *child = (struct task_struct *)arg;
	struct thread_struct *t = &child->thread;

	wasm_host_task_bind(child);
	if (t->start_mem)
		host_user_run(t->start_mem, t->start_args);
	wasm_syscall(__NR_exit_group, t->start_args, 0, 0, 0, 0, 0);
	host_thread_exit();
}

/*
 * The parent's new thread, when its vfork child died on the parent's
 * thread without giving it back: the thread ends with the child, and the
 * parent's program (its code's stack) with it, so the parent cannot
 * resume.  It dies here of the child's signal instead of waiting for a
 * thread that will not come, and whoever waits for it is told.
 */
static void wasm_vfork_orphan_thread(u32 arg)
{
	struct task_struct *parent = (struct task_struct *)arg;

	/*
	 * First the thread the child dies on, which ends without the CPU
	 * (its number was set before this thread was made, and the parent
	 * lies still until it is entered below).
	 */
	host_thread_join(parent->thread.host_thread);
	wasm_host_task_bind(parent);
	wasm_host_enter(parent);
	parent->thread.host_thread = host_thread_self();
	do_group_exit(parent->thread.vfork_death);
}

/* @child, on its parent's thread, is dying (a trap, a fatal signal). */
void wasm_vfork_died(struct task_struct *child)
{
	struct task_struct *parent = child->thread.vfork_parent;
	int sig = child->exit_code & 0x7f;

	child->thread.vfork_parent = NULL;
	parent->thread.vfork_death = sig ? sig : SIGKILL;
	/*
	 * The thread to join is the one this runs on: the parent's own, or
	 * under nested vforks the orphan thread of a child that was itself
	 * dying on it (each thread is joined once).
	 */
	parent->thread.host_thread = host_thread_self();
	if (!host_thread_create(HOST_FN(wasm_vfork_orphan_thread),
				HOST_ADDR(parent)))
		pr_warn("vfork: no thread for pid %d, whose child died on its thread\n",
			task_pid_nr(parent));
}

/*
 * @child, on its parent's thread, executed a program (exec_mem) or is
 * exiting with exit_code.  Returns the pid for the parent.
 */
long wasm_vfork_return(struct task_struct *child, u32 exec_mem,
		       u32 exec_args, long exit_code)
{
	struct task_struct *parent = child->thread.vfork_parent;
	u32 thread;

	child->thread.start_mem = exec_mem;
	child->thread.start_args = exec_mem ? exec_args : exit_code;
	thread = host_thread_create(HOST_FN(wasm_vfork_child_thread),
				    HOST_ADDR(child));
	if (!thread)
		return -EAGAIN;
	child->thread.host_thread = thread;
	child->thread.adopted = false;
	child->thread.vfork_parent = NULL;
	wasm_host_task_bind(parent);
	return task_pid_vnr(child);
}
