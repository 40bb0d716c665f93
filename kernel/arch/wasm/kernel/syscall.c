// SPDX-License-Identifier: GPL-2.0
/*
 * System calls from the host.  A host thread that calls wasm_syscall()
 * runs the call as its own task (a "host task"): it takes the CPU, gets
 * its task switched in, and afterwards leaves the task current but "away"
 * (so that the next call needs no context switch), or switches away if
 * another task is waiting to run.
 */
#include <linux/fdtable.h>
#include <linux/syscalls.h>
#include <linux/task_work.h>
#include <linux/sched/stat.h>
#include <linux/sched/task.h>
#include <asm/cpu.h>
#include <asm/host.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#define __SYSCALL_WITH_COMPAT(nr, native, compat)	__SYSCALL(nr, native)

#undef __SYSCALL
#define __SYSCALL(nr, sym)	long __wasm_##sym(const struct pt_regs *);
#include <asm/syscall_table_32.h>

long __wasm_sys_ni_syscall(const struct pt_regs *regs)
{
	return -ENOSYS;
}

#undef __SYSCALL
#define __SYSCALL(nr, sym)	[nr] = __wasm_##sym,

const syscall_fn_t sys_call_table[__NR_syscalls] = {
	[0 ... __NR_syscalls - 1] = __wasm_sys_ni_syscall,
#include <asm/syscall_table_32.h>
};

SYSCALL_DEFINE6(mmap2, unsigned long, addr, unsigned long, len,
		unsigned long, prot, unsigned long, flags,
		unsigned long, fd, unsigned long, pgoff)
{
	return ksys_mmap_pgoff(addr, len, prot, flags, fd, pgoff);
}

/* Each host thread's task, in a host thread-local key. */
static u32 wasm_host_task_key;

int wasm_host_tasks_init(void)
{
	wasm_host_task_key = host_tls_alloc(0);
	return wasm_host_task_key ? 0 : -ENOMEM;
}

void wasm_host_task_bind(struct task_struct *t)
{
	host_tls_set(wasm_host_task_key, HOST_ADDR(t));
}

/*
 * schedule() for a host task that leaves.  It comes back here only if no
 * switch happened (the task was woken again before it was taken off the
 * run queue): then the task stays current, away, and the CPU is let go
 * here, as the caller expects.  Without that, the unused "leave" would
 * send a later switch to this thread's dead frame.
 */
static void wasm_away_schedule(void)
{
	schedule();
	clear_thread_flag(TIF_HOST_LEAVE);
	set_thread_flag(TIF_HOST_AWAY);
	wasm_cpu_release();
}

/* Switch away from current, a host task, unwinding back to the caller. */
void wasm_switch_away(struct task_struct *t)
{
	struct thread_info *ti = task_thread_info(t);

	clear_ti_thread_flag(ti, TIF_HOST_AWAY);
	set_ti_thread_flag(ti, TIF_HOST_LEAVE);
	set_current_state(TASK_IDLE);
	host_jmp_buf_set(HOST_ADDR(t->thread.jb), HOST_FN(wasm_away_schedule));
}

void wasm_host_enter(struct task_struct *t)
{
	wasm_cpu_get();
	if (current == t) {
		clear_thread_flag(TIF_HOST_AWAY);
		return;
	}
	/* current is idle, halted, or another host task that is away */
	wake_up_process(t);
	if (test_thread_flag(TIF_HOST_AWAY))
		wasm_switch_away(current);
	else
		wasm_cpu_release();
	host_sem_down(t->thread.sched_sem);
	schedule_tail(t->thread.prev_sched);
}

void wasm_host_leave(void)
{
	if (!single_task_running() || need_resched()) {
		wasm_switch_away(current);
		return;
	}
	set_thread_flag(TIF_HOST_AWAY);
	wasm_cpu_release();
}

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

/*
 * init exiting ends the system: the host powers off and takes its status
 * as the run's (as a container's init does).  init's files are closed
 * first and the CPU let go, so that what it wrote reaches the host.
 */
static void wasm_init_exit(long nr, long code)
{
	if ((nr != __NR_exit_group && nr != __NR_exit) ||
	    !is_global_init(current) || !thread_group_empty(current))
		return;
	pr_info("init exited with status %ld: powering off\n", code & 0xff);
	__close_range(0, ~0U, 0);
	task_work_run();	/* the final fput()s: the pipes' readers see EOF */
	wasm_host_leave();
	host_power_off(WASM_POWER_INIT_EXIT | (code & 0xff));
}

/*
 * A new task for the host: a process (own pid, a copy of the file table)
 * or, with CLONE_THREAD and friends in @flags, a thread of the caller's
 * process.  Its host thread returns to the host, which runs its code.
 */
__attribute__((export_name("wasm_clone")))
long wasm_clone(unsigned long flags)
{
	struct task_struct *t = (void *)host_tls_get(wasm_host_task_key);
	struct kernel_clone_args args = {
		.flags		= flags & ~CSIGNAL,
		.exit_signal	= flags & CSIGNAL,
		.fn		= wasm_host_task_fn,
	};
	long ret;

	if (!t)
		return -ESRCH;
	wasm_host_enter(t);
	ret = kernel_clone(&args);
	wasm_host_leave();
	return ret;
}

__attribute__((export_name("wasm_syscall")))
long wasm_syscall(long nr, long a0, long a1, long a2, long a3, long a4,
		  long a5)
{
	struct task_struct *t = (void *)host_tls_get(wasm_host_task_key);
	struct thread_struct *th;
	const long args[6] = { a0, a1, a2, a3, a4, a5 };
	u32 exec_mem, exec_args;
	long ret;

	if (!t)
		return -ESRCH;
	wasm_host_enter(t);
	th = &t->thread;
	if (!wasm_user_mem()) {
		ret = wasm_host_task_result(wasm_syscall_run(t, nr, args));
		goto out;
	}

	th->user_thread = host_thread_self();
	wasm_init_exit(nr, a0);
	if (th->vfork_parent && (nr == __NR_exit_group || nr == __NR_exit)) {
		ret = wasm_vfork_return(t, 0, 0, a0);
		wasm_host_leave();
		return ret;
	}
	do {
		if (nr == __NR_clone && !a1 &&
		    (a0 & (CLONE_VM | CLONE_VFORK)) == (CLONE_VM | CLONE_VFORK)) {
			/* On success, this thread is the child now. */
			ret = wasm_vfork(t, a0);
			if (!ret) {
				wasm_host_leave();
				return 0;
			}
			continue;
		}
		/* (A signal handler's own calls reuse the registers.) */
		ret = wasm_syscall_run(t, nr, args);
		if (ret == -ERESTART_RESTARTBLOCK)
			nr = __NR_restart_syscall;
	} while (wasm_user_signals(t, &ret));

out:
	/* An execve that succeeded: the new program runs on this thread. */
	exec_mem = th->exec_mem;
	exec_args = th->exec_args;
	th->exec_mem = 0;
	if (exec_mem && th->vfork_parent) {
		/* This thread goes back to the parent. */
		ret = wasm_vfork_return(t, exec_mem, exec_args, 0);
		exec_mem = 0;
	}
	/* Once left, kernel data belongs to another thread. */
	wasm_host_leave();
	if (exec_mem)
		host_user_run(exec_mem, exec_args);
	return ret;
}

/*
 * The calling thread's user program trapped.  Its process dies of @sig;
 * the thread with it.
 */
__attribute__((export_name("wasm_user_trap")))
void wasm_user_trap(u32 sig)
{
	struct task_struct *t = (void *)host_tls_get(wasm_host_task_key);

	if (!t)
		host_thread_exit();
	wasm_host_enter(t);
	pr_info("%s[%d]: wasm trap: killed by signal %u\n", t->comm,
		task_pid_nr(t), sig);
	do_group_exit(sig);
}
