// SPDX-License-Identifier: GPL-2.0
/*
 * The CPU lock.  Kernel code is compiled without atomics and runs on
 * several host threads, so exactly one of them may run it at a time: the
 * owner.  Ownership moves with the current task in __switch_to(), and the
 * CPU is free only while the current task sleeps in arch_cpu_idle() or is
 * a host task whose thread is out of the kernel ("away").  A thread that
 * takes a free CPU acts like an interrupt on the current task: it may run
 * interrupt handlers or wake tasks, and before it lets go it makes sure a
 * task made runnable gets the CPU.
 *
 * The fields are shared by host threads outside the CPU lock, so they are
 * only touched under the host mutex cpu.lock.
 */
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/cpu.h>
#include <asm/host.h>
#include "wasm_arch.h"

static struct {
	u32 lock;
	u32 owner;		/* host thread running kernel code, or 0 */
	unsigned int waiters;	/* threads sleeping on wait_sem */
	u32 wait_sem;
	u32 idle_sem;		/* the idle task sleeps here */
} cpu;

void __init wasm_cpu_init(void)
{
	cpu.lock = host_mutex_alloc();
	cpu.wait_sem = host_sem_alloc(0);
	cpu.idle_sem = host_sem_alloc(0);
}

void wasm_cpu_get(void)
{
	u32 self = host_thread_self();

	host_mutex_lock(cpu.lock);
	while (cpu.owner) {
		cpu.waiters++;
		host_mutex_unlock(cpu.lock);
		host_sem_down(cpu.wait_sem);
		host_mutex_lock(cpu.lock);
	}
	cpu.owner = self;
	host_mutex_unlock(cpu.lock);
}

/* Take the CPU if it is free; otherwise leave @irq pending for the owner. */
bool wasm_cpu_try_get_irq(int irq)
{
	bool got;

	host_mutex_lock(cpu.lock);
	got = !cpu.owner;
	if (got)
		cpu.owner = host_thread_self();
	else
		wasm_irqs_pending |= BIT(irq);
	host_mutex_unlock(cpu.lock);
	return got;
}

void wasm_cpu_take_pending(unsigned long *pending)
{
	host_mutex_lock(cpu.lock);
	*pending = wasm_irqs_pending;
	wasm_irqs_pending = 0;
	host_mutex_unlock(cpu.lock);
}

/* Ownership moves to the thread of the task being switched in. */
void wasm_cpu_set_owner(u32 host_thread)
{
	host_mutex_lock(cpu.lock);
	cpu.owner = host_thread;
	host_mutex_unlock(cpu.lock);
}

static void wasm_cpu_kick_idle(void)
{
	host_sem_up(cpu.idle_sem);
}

/*
 * A task woken while we held the CPU must get to run: the idle task is
 * told to reschedule, an away host task is switched away from here.
 * Returns true if the CPU went to another thread.
 */
static bool wasm_cpu_pass_on(void)
{
	if (!need_resched())
		return false;
	if (is_idle_task(current)) {
		wasm_cpu_kick_idle();
		return false;
	}
	if (test_thread_flag(TIF_HOST_AWAY)) {
		wasm_switch_away(current);
		return true;
	}
	return false;
}

/* Let go of the CPU, delivering interrupts that came while we held it. */
void wasm_cpu_release(void)
{
	for (;;) {
		if (READ_ONCE(wasm_irqs_pending))
			wasm_run_pending_irqs();
		if (wasm_cpu_pass_on())
			return;
		host_mutex_lock(cpu.lock);
		if (wasm_irqs_pending) {
			host_mutex_unlock(cpu.lock);
			continue;
		}
		cpu.owner = 0;
		if (cpu.waiters) {
			cpu.waiters--;
			host_sem_up(cpu.wait_sem);
		}
		host_mutex_unlock(cpu.lock);
		return;
	}
}

/* The idle task halts: the CPU is free until something wakes it. */
static void wasm_cpu_idle_wait(void)
{
	wasm_cpu_release();
	host_sem_down(cpu.idle_sem);
	wasm_cpu_get();
}

void arch_cpu_idle(void)
{
	if (!need_resched())
		wasm_cpu_idle_wait();
	raw_local_irq_enable();
}
