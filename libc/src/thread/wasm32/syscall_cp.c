#include "pthread_impl.h"
#include "syscall.h"

/*
 * Cancellation points.  Elsewhere the cancellation signal's handler looks
 * at the interrupted program counter: inside [__cp_begin, __cp_end) the
 * thread had yet to make its system call, or was blocked in it, and goes
 * to __cp_cancel instead.  A wasm program has no program counter, and the
 * host may run a handler between any two instructions (user_abi.h), so
 * nothing this code could store would tell whether the call had been
 * made.  The kernel checks the flag instead: wasm_syscall_cp fails with
 * EINTR, without making the call, if the flag is set when the call
 * starts or when a signal restarts it (musl's handler has SA_RESTART).
 *
 * So the range is empty, and the handler only blocks the signal and
 * raises it again; the thread acts on the flag at the next check.  The
 * handler does store __cp_cancel as the program counter for an
 * asynchronous cancellation, which __wasm_signal honours on its return.
 */
hidden const char __cp_begin[1], __cp_cancel[1];
weak_alias(__cp_begin, __cp_end);

hidden long __cancel();
hidden long __wasm_wait4(long, long, long, long, volatile int *);

hidden long __syscall_cp_asm(volatile void *cancel, syscall_arg_t nr,
                             syscall_arg_t u, syscall_arg_t v, syscall_arg_t w,
                             syscall_arg_t x, syscall_arg_t y, syscall_arg_t z)
{
	volatile int *c = cancel;
	long call[7] = { nr, u, v, w, x, y, z };
	long r;

	if (*c) return __cancel();
	if (nr == SYS_wait4) return __wasm_wait4(u, v, w, x, c);
	/* The library's own calls (msync) do not block; and a thread
	 * alone in its process is cancelled only by itself, which the
	 * check above saw. */
	if (__WASM_MM_SYSCALL(nr) || !libc.threaded)
		return __syscall(nr, u, v, w, x, y, z);
	r = __syscall(SYS_wasm_syscall_cp, c, call);
	if (r == -EINTR && *c) return __cancel();
	return r;
}
