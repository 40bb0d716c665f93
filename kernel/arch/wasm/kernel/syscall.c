// SPDX-License-Identifier: GPL-2.0
/*
 * System calls, from the host or from a user program: the host thread
 * runs the call as its task (host_task.c), through the task's registers.
 */
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <linux/task_work.h>
#include <linux/sched/task.h>
#include <asm/host.h>
#include <asm/syscall.h>
#include <asm/unistd.h>
#include "wasm_arch.h"

/* Runs system call @nr as @t (current), through its registers. */
static long wasm_syscall_run(struct task_struct *t, unsigned long nr,
			     const long *args)
{
	struct pt_regs *regs = task_pt_regs(t);
	long ret = -ENOSYS;

	regs->syscallno = nr;
	memcpy(regs->args, args, sizeof(regs->args));
	if (nr < NR_syscalls)
		ret = sys_call_table[nr](regs);
	if (task_work_pending(current))
		task_work_run();
	regs->ret = ret;
	return ret;
}

/* No signal frames for host tasks: an interrupted call fails. */
static long wasm_host_task_result(long ret)
{
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR ||
	    ret == -ERESTARTNOHAND || ret == -ERESTART_RESTARTBLOCK)
		ret = -EINTR;
	return ret;
}

static bool wasm_is_exit(long nr)
{
	return nr == __NR_exit_group || nr == __NR_exit;
}

/*
 * A call from @t's user program: vfork lends this thread to the child,
 * the exit of a vfork child gives it back, and signals are delivered
 * (and the call restarted if they say so) before it returns.
 */
static long wasm_user_syscall(struct task_struct *t, long nr,
			      const long *args)
{
	long ret;

	t->thread.user_thread = host_thread_self();
	if (nr == WASM_SYSCALL_INTERRUPT)
		return wasm_user_interrupt(t, args[0]);
	/* (the last thread of init, or any that ends the whole process) */
	if (is_global_init(t) && (nr == __NR_exit_group ||
				  (nr == __NR_exit && thread_group_empty(t))))
		wasm_init_exit(args[0]);
	if (wasm_is_exit(nr) && t->thread.vfork_parent)
		return wasm_vfork_return(t, 0, 0, args[0]);
	do {
		if (nr == WASM_SYSCALL_FORK) {
			/* a clone3 whose dup_mm() copies the memory (fork.c) */
			t->thread.forking = true;
			ret = wasm_syscall_run(t, __NR_clone3, args);
			t->thread.forking = false;
			continue;
		}
		if (nr == __NR_clone && !args[1] &&
		    (args[0] & (CLONE_VM | CLONE_VFORK)) ==
		    (CLONE_VM | CLONE_VFORK)) {
			/* On success, this thread is the child now. */
			ret = wasm_vfork(t, args[0]);
			if (!ret)
				return 0;
			continue;
		}
		/* (A signal handler's own calls reuse the registers.) */
		ret = wasm_syscall_run(t, nr, args);
		if (ret == -ERESTART_RESTARTBLOCK)
			nr = __NR_restart_syscall;
	} while (wasm_user_signals(t, &ret));
	return ret;
}

/*
 * Leaves the kernel after a call of @t.  If the call was an execve that
 * succeeded, the new program runs on this thread; in a vfork child it
 * gets a thread of its own, and this one goes back to the parent.
 */
static long wasm_syscall_exit(struct task_struct *t, long ret)
{
	struct thread_struct *th = &t->thread;
	u32 exec_mem = th->exec_mem, exec_args = th->exec_args;

	th->exec_mem = 0;
	if (exec_mem && th->vfork_parent) {
		ret = wasm_vfork_return(t, exec_mem, exec_args, 0);
		exec_mem = 0;
	}
	/* Once left, kernel data belongs to another thread. */
	wasm_host_leave();
	if (exec_mem)
		host_user_run(exec_mem, exec_args);
	return ret;
}

__attribute__((export_name("wasm_syscall")))
long wasm_syscall(long nr, long a0, long a1, long a2, long a3, long a4,
		  long a5)
{
	struct task_struct *t = wasm_host_task();
	const long args[6] = { a0, a1, a2, a3, a4, a5 };
	long ret;

	if (!t)
		return -ESRCH;
	wasm_host_enter(t);
	if (wasm_user_mem())
		ret = wasm_user_syscall(t, nr, args);
	else
		ret = wasm_host_task_result(wasm_syscall_run(t, nr, args));
	return wasm_syscall_exit(t, ret);
}
