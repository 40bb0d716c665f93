#define _GNU_SOURCE
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <errno.h>
#include "pthread_impl.h"
#include "syscall.h"

hidden int __wasm_vfork_push(struct __jmp_buf_tag **);
hidden void __wasm_vfork_pop(void);

/*
 * Only the vfork kind of clone exists (posix_spawn, clone(CLONE_VM|
 * CLONE_VFORK)): fn runs as the child on this thread, on our stack
 * rather than the one given, and ends in execve or exit, which brings us
 * back here as the parent (see __wasm_vfork.c).  Threads would need a
 * host thread sharing this memory: not yet, so -ENOSYS.
 */
int __clone(int (*fn)(void *), void *stack, int flags, void *arg, ...)
{
	struct __jmp_buf_tag *jb;
	long r;

	if ((flags & (CLONE_VM|CLONE_VFORK)) != (CLONE_VM|CLONE_VFORK)
	    || (flags & (CLONE_THREAD|CLONE_SETTLS|CLONE_SIGHAND)))
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
