// SPDX-License-Identifier: GPL-2.0
/*
 * Traps of user programs.  The host catches a trap of a program's wasm
 * code (out of bounds, unreachable, division by zero, stack exhaustion)
 * on the program's thread and reports it here, with the signal it means.
 */
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <asm/host.h>
#include "wasm_arch.h"

/* The calling thread's program trapped: its process dies of @sig. */
__attribute__((export_name("wasm_user_trap")))
void wasm_user_trap(u32 sig)
{
	struct task_struct *t = wasm_host_task();

	if (!t)
		host_thread_exit();
	wasm_host_enter(t);
	pr_info("%s[%d]: wasm trap: killed by signal %u\n", t->comm,
		task_pid_nr(t), sig);
	do_group_exit(sig);
}
