// SPDX-License-Identifier: GPL-2.0
/*
 * When a host task going back to its program ("away") hands the CPU on.
 *
 * Handing the CPU to another task's host thread costs a wake-up on
 * another core, and a program that makes its next system call a few
 * microseconds later (a pipe's reader reading again) has to get it back
 * the same way.  So a task that leaves while others are runnable keeps
 * the CPU (it stays current) for a grace period, and most programs are
 * back before it ends.  Once it has ended without the runnable tasks
 * getting to run, the CPU is handed on at once at every leave until the
 * run queue has drained ("hurry"), so that tasks woken together do not
 * wait a grace period each.  Interrupts that find the CPU free do not
 * wait: a task they made runnable gets the CPU from the away task at
 * once, as before.
 *
 * (The scheduler's wakeup preemption is off on wasm, patch 0013, or a
 * task waking another at each system call would still hand the CPU on
 * at each one.)
 */
#include <linux/hrtimer.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/sched/stat.h>
#include "wasm_arch.h"

#define WASM_AWAY_GRACE_NS	(1 * NSEC_PER_MSEC)

/* Both are only touched by the CPU's owner. */
static struct hrtimer wasm_away_timer;
static bool wasm_away_hurry;

static void wasm_away_resched(void)
{
	set_tsk_need_resched(current);
	set_preempt_need_resched();
}

static enum hrtimer_restart wasm_away_expired(struct hrtimer *timer)
{
	if (!single_task_running()) {
		wasm_away_hurry = true;
		wasm_away_resched();
	}
	return HRTIMER_NORESTART;
}

/*
 * Current is leaving the kernel for its program: may it keep the CPU?
 * (It also gives it up when the scheduler asks, need_resched().)
 */
bool wasm_away_keep_cpu(void)
{
	if (single_task_running()) {
		wasm_away_hurry = false;
		return true;
	}
	if (wasm_away_hurry)
		return false;
	if (!hrtimer_active(&wasm_away_timer))
		hrtimer_start(&wasm_away_timer, ns_to_ktime(WASM_AWAY_GRACE_NS),
			      HRTIMER_MODE_REL);
	return true;
}

/* An interrupt ran on a free CPU, whose current may be away. */
void wasm_away_interrupted(void)
{
	if (test_thread_flag(TIF_HOST_AWAY) && !single_task_running())
		wasm_away_resched();
}

static int __init wasm_away_init(void)
{
	hrtimer_init(&wasm_away_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	wasm_away_timer.function = wasm_away_expired;
	return 0;
}
early_initcall(wasm_away_init);
