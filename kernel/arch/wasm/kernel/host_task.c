// SPDX-License-Identifier: GPL-2.0
/*
 * Host tasks.  A host thread that enters the kernel (a system call from
 * the host or from its user program) runs as its own task: it takes the
 * CPU, gets its task switched in, and afterwards leaves the task current
 * but "away" (so that the next call needs no context switch), or switches
 * away if another task is to run now (away.c says when).
 */
#include <linux/sched/stat.h>
#include <linux/sched/task.h>
#include <asm/host.h>
#include "wasm_arch.h"

/* Each host thread's task, in a host thread-local key. */
static u32 wasm_host_task_key;

int wasm_host_tasks_init(void)
{
	wasm_host_task_key = host_tls_alloc();
	return wasm_host_task_key ? 0 : -ENOMEM;
}

/* The calling host thread's task, or NULL if it has none. */
struct task_struct *wasm_host_task(void)
{
	return (struct task_struct *)host_tls_get(wasm_host_task_key);
}

void wasm_host_task_bind(struct task_struct *t)
{
	host_tls_set(wasm_host_task_key, HOST_ADDR(t));
}

/* The body of tasks the host creates (wasm_clone()): the host's code. */
int wasm_host_task_fn(void *unused)
{
	return 0;
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
	if (need_resched() || !wasm_away_keep_cpu()) {
		wasm_switch_away(current);
		return;
	}
	set_thread_flag(TIF_HOST_AWAY);
	wasm_cpu_release();
}

/*
 * A new task for the host: a process (own pid, a copy of the file table)
 * or, with CLONE_THREAD and friends in @flags, a thread of the caller's
 * process.  Its host thread returns to the host, which runs its code.
 */
__attribute__((export_name("wasm_clone")))
long wasm_clone(unsigned long flags)
{
	struct task_struct *t = wasm_host_task();
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
