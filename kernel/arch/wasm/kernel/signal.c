// SPDX-License-Identifier: GPL-2.0
/*
 * Signals for user programs.  A wasm program's stack is not the kernel's
 * to write, so a handler runs as a call from the host: when a system call
 * returns with a signal to deliver, the kernel blocks what the handler's
 * mask says and asks the host to call the program's __wasm_signal, which
 * fetches the siginfo and a ucontext (wasm_sigframe), runs the handler and
 * gives the ucontext back (rt_sigreturn) to restore the signal mask.
 */
#include <linux/resume_user_mode.h>
#include <linux/sched/signal.h>
#include <linux/syscalls.h>
#include <asm/host.h>
#include <asm/syscall.h>
#include <asm/ucontext.h>
#include <asm/unistd.h>
#include "wasm_arch.h"

struct wasm_sigframe {
	struct ksignal ksig;
	sigset_t saved;		/* the mask to restore */
};

SYSCALL_DEFINE2(wasm_sigframe, siginfo_t __user *, info,
		struct ucontext __user *, uc)
{
	struct wasm_sigframe *frame = current->thread.sigframe;
	struct ucontext kuc = { };

	if (!frame)
		return -EINVAL;
	current->thread.sigframe = NULL;
	kuc.uc_sigmask = frame->saved;
	if (copy_siginfo_to_user(info, &frame->ksig.info) ||
	    copy_to_user(uc, &kuc, sizeof(kuc)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE1(rt_sigreturn, struct ucontext __user *, uc)
{
	sigset_t set;

	if (!wasm_user_mem())
		return -ENOSYS;
	if (copy_from_user(&set, &uc->uc_sigmask, sizeof(set)))
		return -EFAULT;
	set_current_blocked(&set);
	return 0;
}

/*
 * A cancellation point of a threaded program: the system call @call (its
 * number, then six arguments), unless the int at @cancel, the calling
 * thread's cancellation flag, is set, in which case it fails with -EINTR.
 * The flag is read when the call starts and again each time a signal
 * restarts it, as a restart runs this call again.  Elsewhere the libc's
 * cancellation handler finds from the interrupted program counter
 * whether its thread was about to make the call or blocked in it; a
 * wasm program has no program counter, and a handler can run between
 * any two instructions, so only the kernel can tell.
 */
SYSCALL_DEFINE2(wasm_syscall_cp, const int __user *, cancel,
		const unsigned long __user *, call)
{
	struct pt_regs *regs = current_pt_regs();
	unsigned long c[7];
	int flag;

	if (get_user(flag, cancel) || copy_from_user(c, call, sizeof(c)))
		return -EFAULT;
	if (flag)
		return -EINTR;
	/*
	 * Not the calls that the entry from user mode has to see itself
	 * (syscall.c: exits, vfork, new threads), nor this one.
	 */
	switch (c[0]) {
	case __NR_exit:
	case __NR_exit_group:
	case __NR_clone:
	case __NR_clone3:
	case __NR_wasm_syscall_cp:
		return -EINVAL;
	}
	if (c[0] >= NR_syscalls)
		return __wasm_sys_ni_syscall(regs);
	regs->syscallno = c[0];
	memcpy(regs->args, &c[1], sizeof(regs->args));
	return sys_call_table[c[0]](regs);
}

static bool wasm_restart(long ret, struct k_sigaction *ka)
{
	switch (ret) {
	case -ERESTART_RESTARTBLOCK:
	case -ERESTARTNOHAND:
		return !ka;
	case -ERESTARTSYS:
		return !ka || (ka->sa.sa_flags & SA_RESTART);
	case -ERESTARTNOINTR:
		return true;
	}
	return false;
}

static void wasm_handle_signal(struct task_struct *t, struct ksignal *ksig)
{
	struct wasm_sigframe frame = { .ksig = *ksig };
	u32 handler = HOST_ADDR(ksig->ka.sa.sa_handler);
	u32 flags = ksig->ka.sa.sa_flags;

	frame.saved = *sigmask_to_save();
	signal_setup_done(0, ksig, 0);
	t->thread.sigframe = &frame;
	wasm_host_leave();
	host_user_signal(handler, ksig->sig, flags);
	wasm_host_enter(t);
	t->thread.sigframe = NULL;
}

/*
 * Delivers the signals pending for @t at the end of a system call that
 * returned *ret.  Returns true if the call is to be restarted.
 */
bool wasm_user_signals(struct task_struct *t, long *ret)
{
	bool restart = false, handled = false;
	struct ksignal ksig;

	while (test_thread_flag(TIF_SIGPENDING) ||
	       test_thread_flag(TIF_NOTIFY_SIGNAL) ||
	       test_thread_flag(TIF_NOTIFY_RESUME)) {
		if (test_thread_flag(TIF_NOTIFY_RESUME) &&
		    !test_thread_flag(TIF_SIGPENDING) &&
		    !test_thread_flag(TIF_NOTIFY_SIGNAL)) {
			resume_user_mode_work(NULL);
			continue;
		}
		if (!get_signal(&ksig))
			break;
		if (!handled) {
			restart = wasm_restart(*ret, &ksig.ka);
			if (!restart && *ret <= -ERESTARTSYS &&
			    *ret >= -ERESTART_RESTARTBLOCK)
				*ret = -EINTR;
		}
		handled = true;
		wasm_handle_signal(t, &ksig);
	}
	if (!handled) {
		restore_saved_sigmask();
		restart = wasm_restart(*ret, NULL);
	}
	if (*ret == -ERESTART_RESTARTBLOCK && restart)
		task_pt_regs(t)->syscallno = __NR_restart_syscall;
	return restart;
}

/*
 * The host interrupted @t's program, which computes without system calls,
 * for its signals (arch_kick_process below).  Without @handlers it is
 * where a handler cannot run yet (in a function that called setjmp:
 * <asm/user_abi.h>): only the signals without one act (killing, stopping),
 * the others wait, blocked meanwhile so that get_signal() leaves them.
 * Returns 1 if some wait: the host interrupts again soon.
 */
long wasm_user_interrupt(struct task_struct *t, bool handlers)
{
	struct sighand_struct *sh = t->sighand;
	sigset_t saved, caught;
	long ret = 0;
	int sig;

	if (handlers) {
		wasm_user_signals(t, &ret);
		return 0;
	}
	sigemptyset(&caught);
	spin_lock_irq(&sh->siglock);
	for (sig = 1; sig <= _NSIG; sig++) {
		__sighandler_t h = sh->action[sig - 1].sa.sa_handler;

		if (h != SIG_DFL && h != SIG_IGN)
			sigaddset(&caught, sig);
	}
	saved = t->blocked;
	sigorsets(&t->blocked, &t->blocked, &caught);
	recalc_sigpending();
	spin_unlock_irq(&sh->siglock);

	wasm_user_signals(t, &ret);

	spin_lock_irq(&sh->siglock);
	t->blocked = saved;
	recalc_sigpending();
	ret = signal_pending(t);
	spin_unlock_irq(&sh->siglock);
	return ret;
}

/*
 * A signal came for @t, which runs its program on a host thread beside
 * the kernel (away, or switched out while it computes): ask that thread
 * to come in, so that a program without system calls sees it too.
 */
void arch_kick_process(struct task_struct *t)
{
	u32 thread = READ_ONCE(t->thread.user_thread);

	if (!thread || !t->mm || !t->mm->context.user_mem)
		return;
	if (t == current && !test_ti_thread_flag(task_thread_info(t),
						TIF_HOST_AWAY))
		return;		/* in the kernel: it sees it on the way out */
	host_user_interrupt(thread);
}
