#define _GNU_SOURCE
#include <sched.h>
#include <stdarg.h>
#include <setjmp.h>
#include <signal.h>
#include <errno.h>
#include "pthread_impl.h"
#include "syscall.h"

hidden int __wasm_vfork_push(struct __jmp_buf_tag **);
hidden void __wasm_vfork_pop(void);
hidden int __wasm_clone_thread(int (*)(void *), void *, int, void *,
                               pid_t *, void *, pid_t *);

/*
 * A thread, without the code that starts it: posix_spawn, system and
 * popen call __clone too, for a vfork child, and a program that only
 * spawns processes should not export __wasm_thread_start.  The real one
 * (src/thread/wasm32/__wasm_thread.c) comes with pthread_create and
 * clone(); without it the kernel would refuse the call the same way.
 */
static int no_thread(int (*fn)(void *), void *stack, int flags, void *arg,
                     pid_t *ptid, void *tls, pid_t *ctid)
{
	return -EINVAL;
}
weak_alias(no_thread, __wasm_clone_thread);

/*
 * The vfork kind (posix_spawn, clone(CLONE_VM|CLONE_VFORK)): fn runs as
 * the child on this thread, on our stack rather than the one given, and
 * ends in execve or exit, which brings us back here as the parent (see
 * __wasm_vfork.c).  A thread (CLONE_VM and a stack) runs in an instance
 * of its own (user_abi.h).  A fork (no CLONE_VM) is clone()'s alone
 * (src/linux/wasm32/clone.c): here it would make every program that
 * spawns go through Asyncify.
 */
int __clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
	struct __jmp_buf_tag *jb;
	va_list ap;
	pid_t *ptid, *ctid;
	void *tls;
	long r;

	if ((flags & (CLONE_VM|CLONE_VFORK)) == CLONE_VM && stack) {
		va_start(ap, arg);
		ptid = va_arg(ap, pid_t *);
		tls = va_arg(ap, void *);
		ctid = va_arg(ap, pid_t *);
		va_end(ap);
		return __wasm_clone_thread(fn, stack, flags, arg, ptid, tls, ctid);
	}
	if ((flags & (CLONE_VM|CLONE_VFORK)) != (CLONE_VM|CLONE_VFORK))
		return -EINVAL;
	if (flags & (CLONE_THREAD|CLONE_SETTLS|CLONE_SIGHAND))
		return -ENOSYS;
	r = __wasm_vfork_push(&jb);
	if (r) return r;
	r = setjmp(jb);
	if (r) {
		__wasm_vfork_pop();
		return r;
	}
	r = __syscall(SYS_clone, flags & (CLONE_VM|CLONE_VFORK|0xff), 0, 0, 0, 0);
	if (r) {
		__wasm_vfork_pop();
		return r;
	}
	__syscall(SYS_exit, fn(arg));
	a_crash();
	return -ENOSYS;
}
