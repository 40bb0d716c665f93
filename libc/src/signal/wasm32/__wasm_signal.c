#include <signal.h>
#include <stdint.h>
#include "syscall.h"

/*
 * Exported (user_abi.h): the host calls this when a system call returns
 * with a signal to deliver.  The frame is fetched from the kernel since
 * the kernel cannot write to our stack; the handler is called at its own
 * signature, as a wasm indirect call must be.
 */
__attribute__((__export_name__("__wasm_signal")))
void __wasm_signal(uintptr_t handler, int sig, int flags)
{
	siginfo_t si = { 0 };
	ucontext_t uc = { 0 };

	__syscall(SYS_wasm_sigframe, &si, &uc);
	if (flags & SA_SIGINFO)
		((void (*)(int, siginfo_t *, void *))handler)(sig, &si, &uc);
	else
		((void (*)(int))handler)(sig);
	__syscall(SYS_rt_sigreturn, &uc);
}
