/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_PROCESSOR_H
#define _ASM_WASM_PROCESSOR_H

#include <linux/types.h>
#include <asm/ptrace.h>
#include <uapi/asm/host_ops.h>

struct task_struct;
struct wasm_sigframe;

/*
 * Every task runs on a host thread of its own.  The CPU passes from one
 * task to the next by waking the next task's semaphore (sched_sem).  This
 * lives in the task_struct, not the thread_info, because the task's stack
 * (and thread_info) is freed before arch_release_task_struct().
 */
struct thread_struct {
	struct pt_regs regs;		/* the current system call */
	int (*fn)(void *);		/* kernel thread body */
	void *fn_arg;
	__u32 sched_sem;		/* host semaphore this task parks on */
	__u32 host_thread;		/* host thread backing this task */
	struct task_struct *prev_sched;	/* task switched out for this one */
	bool dead;			/* never ran: its host thread must exit */
	bool adopted;			/* its host thread is not the kernel's */
	void (*user_start)(void);	/* what returning to user mode means */
	__u32 exec_mem;			/* a program just executed: its memory */
	__u32 exec_args;		/* and its arguments (user address) */
	/*
	 * What a new host thread runs: for a vfork child, a program, or
	 * exit(start_args); for a user thread, __wasm_thread_start(start_args)
	 */
	__u32 start_mem;
	__u32 start_args;
	bool forking;			/* in the fork of its unwound thread */
	bool fork_child;		/* start_mem is a fork's copy to rewind */
	struct task_struct *vfork_parent; /* a vfork child on its parent's thread */
	int vfork_death;		/* the signal its vfork child died of */
	struct wasm_sigframe *sigframe;	/* the signal being handled */
	__u32 user_thread;		/* host thread running its program */
	__u8 jb[WASM_JMP_BUF_SIZE];	/* where a host task leaves the kernel */
};

#define INIT_THREAD { }

#define task_pt_regs(tsk)	(&(tsk)->thread.regs)
#define KSTK_EIP(tsk)		(0)
#define KSTK_ESP(tsk)		(0)

#define TASK_SIZE		0xffffffffUL
#define TASK_UNMAPPED_BASE	0

static inline void cpu_relax(void)
{
	barrier();
}

static inline void start_thread(struct pt_regs *regs, unsigned long pc,
				unsigned long sp)
{
}

unsigned long __get_wchan(struct task_struct *p);

/* A signal for a task whose program runs outside the kernel: tell it. */
void arch_kick_process(struct task_struct *tsk);
#define arch_kick_process arch_kick_process

#endif /* _ASM_WASM_PROCESSOR_H */
