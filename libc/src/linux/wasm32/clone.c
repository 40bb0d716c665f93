#define _GNU_SOURCE
#include <stdarg.h>
#include <unistd.h>
#include <sched.h>
#include "pthread_impl.h"
#include "syscall.h"

hidden int __wasm_clone_thread(int (*)(void *), void *, int, void *,
                               pid_t *, void *, pid_t *);

hidden long __wasm_fork(long, long, long, long, long);

/*
 * As the generic clone(), but a thread (CLONE_VM and a stack, without
 * CLONE_VFORK) is made by __wasm_clone_thread directly: that brings the
 * code that starts threads into the program, which __clone leaves out
 * (src/thread/wasm32/clone.c).  So does a process without CLONE_VM, a
 * fork (which __clone leaves out too: posix_spawn needs no Asyncify),
 * where the child runs func on its copy of this stack and exits.
 */
int clone(int (*func)(void *), void *stack, int flags, void *arg, ...)
{
	va_list ap;
	pid_t *ptid, *ctid;
	void *tls;

	va_start(ap, arg);
	ptid = va_arg(ap, pid_t *);
	tls = va_arg(ap, void *);
	ctid = va_arg(ap, pid_t *);
	va_end(ap);

	if ((flags & (CLONE_VM|CLONE_VFORK)) == CLONE_VM && stack)
		return __syscall_ret(__wasm_clone_thread(func, stack, flags,
			arg, ptid, tls, ctid));
	if (!(flags & CLONE_VM)) {
		long r = __wasm_fork(flags, (long)stack, (long)ptid,
			(long)ctid, (long)tls);
		if (r) return __syscall_ret(r);
		__syscall(SYS_exit, func(arg));
		for (;;);
	}
	return __syscall_ret(__clone(func, stack, flags, arg, ptid, tls, ctid));
}
