// SPDX-License-Identifier: GPL-2.0
/*
 * System calls from the host.  A host thread that calls wasm_syscall()
 * runs the call as its own task (a "host task"): it takes the CPU, gets
 * its task switched in, and afterwards leaves the task current but "away"
 * (so that the next call needs no context switch), or switches away if
 * another task is waiting to run.
 */
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

/* Signal frames need user mode, which comes with user programs. */
SYSCALL_DEFINE0(rt_sigreturn)
{
	return -ENOSYS;
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

/* Switch away from current, a host task, unwinding back to the caller. */
void wasm_switch_away(struct task_struct *t)
{
	struct thread_info *ti = task_thread_info(t);

	clear_ti_thread_flag(ti, TIF_HOST_AWAY);
	set_ti_thread_flag(ti, TIF_HOST_LEAVE);
	set_current_state(TASK_IDLE);
	host_jmp_buf_set(HOST_ADDR(t->thread.jb), HOST_FN(schedule));
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

static long wasm_syscall_dispatch(struct pt_regs *regs)
{
	unsigned long nr = regs->syscallno;
	long ret = -ENOSYS;

	if (nr < NR_syscalls)
		ret = sys_call_table[nr](regs);
	/* No signal frames for host tasks: an interrupted call fails. */
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR ||
	    ret == -ERESTARTNOHAND || ret == -ERESTART_RESTARTBLOCK)
		ret = -EINTR;
	regs->ret = ret;
	if (task_work_pending(current))
		task_work_run();
	return ret;
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
	struct pt_regs *regs;
	long ret;

	if (!t)
		return -ESRCH;
	wasm_host_enter(t);
	regs = task_pt_regs(t);
	regs->syscallno = nr;
	regs->args[0] = a0;
	regs->args[1] = a1;
	regs->args[2] = a2;
	regs->args[3] = a3;
	regs->args[4] = a4;
	regs->args[5] = a5;
	ret = wasm_syscall_dispatch(regs);
	/* Once left, kernel data belongs to another thread. */
	wasm_host_leave();
	return ret;
}
