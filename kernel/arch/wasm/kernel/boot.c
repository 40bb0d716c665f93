// SPDX-License-Identifier: GPL-2.0
/*
 * Boot.  The host thread that calls wasm_boot() starts a thread for the
 * boot task (pid 0, later idle) and waits until pid 1, created by
 * rest_init(), "executes" the host init (host_init.c).  Then it takes pid 1
 * over: from here on that host thread is the init task.
 */
#include <linux/init.h>
#include <linux/start_kernel.h>
#include <linux/sched/task.h>
#include <asm/host.h>
#include "wasm_arch.h"

u32 wasm_boot_sem;
struct task_struct *wasm_boot_task;

static void wasm_start_kernel_thread(u32 unused)
{
	init_task.thread.host_thread = host_thread_self();
	wasm_cpu_get();
	start_kernel();
}

__attribute__((export_name("wasm_boot")))
long wasm_boot(void)
{
	struct task_struct *init;

	wasm_time_early_init();
	wasm_cpu_init();
	wasm_boot_sem = host_sem_alloc(0);
	init_task.thread.sched_sem = host_sem_alloc(0);
	if (!wasm_boot_sem || !init_task.thread.sched_sem ||
	    wasm_host_tasks_init())
		return -ENOMEM;
	if (!host_thread_create(HOST_FN(wasm_start_kernel_thread), 0))
		return -EAGAIN;

	host_sem_down(wasm_boot_sem);
	init = wasm_boot_task;
	/* Its old thread stopped touching the kernel before waking us. */
	host_thread_join(init->thread.host_thread);
	init->thread.host_thread = host_thread_self();
	init->thread.adopted = true;
	wasm_cpu_set_owner(init->thread.host_thread);
	wasm_host_task_bind(init);
	wasm_host_leave();
	return 0;
}
