#include <sys/wait.h>
#include <signal.h>
#include <string.h>
#include "syscall.h"

/* Weak: only pthread_cancel brings it, and only it passes a flag. */
weak hidden long __syscall_cp_asm(volatile void *, syscall_arg_t,
	syscall_arg_t, syscall_arg_t, syscall_arg_t, syscall_arg_t,
	syscall_arg_t, syscall_arg_t);

/*
 * wait4 over waitid: the kernel offers wait4 only with the time32 ABI,
 * which this target lacks.  ru, if given, is the kernel's struct rusage,
 * which waitid fills the same way (musl's wait4 converts it).  cancel is
 * the thread's cancellation flag when this is a cancellation point
 * (waitpid: src/thread/wasm32/syscall_cp.c), else 0.
 */
hidden long __wasm_wait4(long pid, long status, long options, long ru,
	volatile int *cancel)
{
	siginfo_t si;
	int idtype, st;
	long id, r;

	if (pid < -1) idtype = P_PGID, id = -pid;
	else if (pid == -1) idtype = P_ALL, id = 0;
	else if (pid == 0) idtype = P_PGID, id = 0;
	else idtype = P_PID, id = pid;

	memset(&si, 0, sizeof si);
	if (cancel)
		r = __syscall_cp_asm(cancel, SYS_waitid, idtype, id, (long)&si,
			options | WEXITED, ru, 0);
	else
		r = __syscall(SYS_waitid, idtype, id, &si, options | WEXITED, ru);
	if (r < 0) return r;
	if (!si.si_pid) return 0;	/* WNOHANG and nothing to report */

	switch (si.si_code) {
	case CLD_EXITED: st = (si.si_status & 0xff) << 8; break;
	case CLD_KILLED: st = si.si_status & 0x7f; break;
	case CLD_DUMPED: st = (si.si_status & 0x7f) | 0x80; break;
	case CLD_CONTINUED: st = 0xffff; break;
	default: st = (si.si_status & 0xff) << 8 | 0x7f; break;
	}
	if (status) *(int *)status = st;
	return si.si_pid;
}
