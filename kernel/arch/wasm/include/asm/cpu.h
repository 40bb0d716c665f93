/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_CPU_H
#define _ASM_WASM_CPU_H

#include <linux/sched.h>

/*
 * The CPU lock: at most one host thread runs kernel code at a time.  It
 * passes from task to task in __switch_to(), and is free only while the
 * current task is idle or a host task that is out of the kernel.
 */
void wasm_cpu_init(void);
void wasm_cpu_get(void);
bool wasm_cpu_try_get_irq(int irq);
void wasm_cpu_take_pending(unsigned long *pending);
void wasm_cpu_release(void);
void wasm_cpu_set_owner(u32 host_thread);
void wasm_cpu_idle_wait(void);
void wasm_cpu_kick_idle(void);

/* Host tasks: host threads that enter the kernel as a task of their own. */
void wasm_host_enter(struct task_struct *t);
void wasm_host_leave(void);
void wasm_switch_away(struct task_struct *t);

void wasm_run_irq(int irq);
void __noreturn wasm_return_to_user(void);

extern u32 wasm_boot_sem;

/* Exports to the host, see <uapi/asm/host_ops.h>. */
long wasm_boot(void);
long wasm_syscall(long nr, long a0, long a1, long a2, long a3, long a4,
		  long a5);

void wasm_sched_classes_init(void);
struct task_struct *__switch_to(struct task_struct *prev,
				struct task_struct *next);

#endif
