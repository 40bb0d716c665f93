#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include "pthread_impl.h"
#include "syscall.h"

/* Only programs with pthread_cancel have these (syscall_cp.c). */
extern hidden weak const char __cp_cancel[1];
hidden weak long __cancel();

/*
 * A signal for this thread, from __wasm_signal.s.  The frame is fetched
 * from the kernel since the kernel cannot write to our stack; the handler
 * is called at its own signature, as a wasm indirect call must be.
 *
 * A handler that sets the context's program counter to __cp_cancel
 * (musl's cancellation handler does, for an asynchronous cancellation:
 * pthread_arch.h) has the thread go there, with the signal mask back,
 * as it would elsewhere; it exits the thread.
 */
hidden void __wasm_signal_run(uintptr_t handler, int sig, int flags)
{
	siginfo_t si = { 0 };
	ucontext_t uc = { 0 };

	__syscall(SYS_wasm_sigframe, &si, &uc);
	if (flags & SA_SIGINFO)
		((void (*)(int, siginfo_t *, void *))handler)(sig, &si, &uc);
	else
		((void (*)(int))handler)(sig);
	__syscall(SYS_rt_sigreturn, &uc);
	if (__cp_cancel && uc.uc_mcontext.MC_PC == (uintptr_t)__cp_cancel)
		__cancel();
}
