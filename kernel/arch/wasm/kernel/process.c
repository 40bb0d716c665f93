// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks and context switches.  Each task is backed by a host thread that
 * sleeps on the task's semaphore while the task is not running; switching
 * wakes the next task's thread and parks the previous one.
 */
#include <linux/sched.h>
#include <linux/sched/debug.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/ptrace.h>
#include <asm/host.h>
#include <asm/switch_to.h>
#include "wasm_arch.h"

struct thread_info *wasm_current_thread_info = &init_thread_info;

struct task_struct *__switch_to(struct task_struct *prev,
				struct task_struct *next)
{
	struct thread_struct *pt = &prev->thread, *nt = &next->thread;
	bool leave = test_and_clear_ti_thread_flag(task_thread_info(prev),
						   TIF_HOST_LEAVE);
	bool dead = READ_ONCE(prev->__state) == TASK_DEAD;
	u32 sem = pt->sched_sem;
	u8 jb[WASM_JMP_BUF_SIZE];

	/*
	 * A leaving host task may be switched in and out again on its own
	 * thread before this one goes on: take its jump buffer now.
	 */
	if (leave)
		memcpy(jb, pt->jb, sizeof(jb));
	nt->prev_sched = prev;
	wasm_current_thread_info = task_thread_info(next);
	wasm_cpu_set_owner(nt->host_thread);
	host_sem_up(nt->sched_sem);

	/* The CPU is next's now: touch no kernel data until it comes back. */
	if (leave)
		host_jmp_buf_longjmp(HOST_ADDR(jb));
	if (dead)
		host_thread_exit();
	host_sem_down(sem);
	return current->thread.prev_sched;
}

/*
 * First code of every task created by copy_thread(), on its host thread.
 * A host task returns to the host, which runs its own code as the task.
 */
static void wasm_task_entry(u32 arg)
{
	struct task_struct *p = (struct task_struct *)arg;

	host_sem_down(p->thread.sched_sem);
	if (p->thread.dead)
		host_thread_exit();
	schedule_tail(p->thread.prev_sched);
	if (!p->thread.fn)
		wasm_user_thread_start(p);
	if (p->thread.fn == wasm_host_task_fn) {
		wasm_host_task_bind(p);
		wasm_host_leave();
		return;
	}
	p->thread.fn(p->thread.fn_arg);
	wasm_return_to_user();
}

/*
 * The copy of a task that fork starts from: its thread_struct must not
 * name the parent's host thread and semaphore, since a fork that fails
 * before copy_thread() (a namespace flag this kernel lacks, a limit)
 * frees the copy through arch_release_task_struct().
 */
int arch_dup_task_struct(struct task_struct *dst, struct task_struct *src)
{
	*dst = *src;
	memset(&dst->thread, 0, sizeof(dst->thread));
	return 0;
}

int copy_thread(struct task_struct *p, const struct kernel_clone_args *args)
{
	struct thread_struct *t = &p->thread;
	struct thread_info *ti = task_thread_info(p);

	memset(t, 0, sizeof(*t));
	clear_ti_thread_flag(ti, TIF_HOST_LEAVE);
	clear_ti_thread_flag(ti, TIF_HOST_AWAY);

	if (args->fn) {
		t->fn = args->fn;
		t->fn_arg = args->fn_arg;
	} else {
		int ret = wasm_user_clone(p, args);

		if (ret)
			return ret;
	}

	t->sched_sem = host_sem_alloc(0);
	if (!t->sched_sem)
		return -ENOMEM;
	if (t->fn == wasm_host_task_fn && t->fn_arg == WASM_BORROWED_THREAD) {
		t->adopted = true;
		return 0;
	}
	t->host_thread = host_thread_create(HOST_FN(wasm_task_entry),
					    HOST_ADDR(p));
	if (!t->host_thread) {
		host_sem_free(t->sched_sem);
		t->sched_sem = 0;
		return -EAGAIN;
	}
	return 0;
}

/*
 * do_exit() of @tsk: a vfork child dying on its parent's thread takes
 * the parent with it (vfork.c); a fork that failed after copy_thread()
 * leaves a thread that must not wait on.
 */
void exit_thread(struct task_struct *tsk)
{
	if (tsk == current && tsk->thread.vfork_parent)
		wasm_vfork_died(tsk);
	if (tsk == current || !tsk->thread.host_thread)
		return;
	tsk->thread.dead = true;
	host_sem_up(tsk->thread.sched_sem);
}

void arch_release_task_struct(struct task_struct *tsk)
{
	struct thread_struct *t = &tsk->thread;

	if (t->host_thread && !t->adopted)
		host_thread_join(t->host_thread);
	if (t->sched_sem)
		host_sem_free(t->sched_sem);
	t->host_thread = 0;
	t->sched_sem = 0;
}

/*
 * A kernel thread executed a user program (the init process, or a
 * usermode helper): it becomes a host task and runs the program.
 */
void __noreturn wasm_user_start(void)
{
	struct thread_struct *t = &current->thread;
	u32 mem = t->exec_mem, args = t->exec_args;

	t->exec_mem = 0;
	wasm_host_task_bind(current);
	wasm_host_leave();
	host_user_run(mem, args);
}

void __noreturn wasm_return_to_user(void)
{
	if (current->thread.user_start)
		current->thread.user_start();
	panic("%s[%d]: no user mode to return to", current->comm,
	      task_pid_nr(current));
}

void flush_thread(void)
{
}

void show_regs(struct pt_regs *regs)
{
	show_regs_print_info(KERN_DEFAULT);
	pr_info("syscall %ld args %lx %lx %lx %lx %lx %lx\n", regs->syscallno,
		regs->args[0], regs->args[1], regs->args[2], regs->args[3],
		regs->args[4], regs->args[5]);
}

/* wasm code cannot walk its own call stack. */
void show_stack(struct task_struct *task, unsigned long *sp,
		const char *loglvl)
{
	printk("%s(no stack trace on wasm)\n", loglvl);
}

unsigned long __get_wchan(struct task_struct *p)
{
	return 0;
}

long arch_ptrace(struct task_struct *child, long request, unsigned long addr,
		 unsigned long data)
{
	return ptrace_request(child, request, addr, data);
}

void ptrace_disable(struct task_struct *child)
{
}
