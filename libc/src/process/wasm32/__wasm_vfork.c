#define _GNU_SOURCE
#include <unistd.h>
#include <setjmp.h>
#include <signal.h>
#include <sched.h>
#include <errno.h>
#include "syscall.h"
#include "atomic.h"

/*
 * vfork per user_abi.h.  vfork() is a macro (bits/posix.h),
 *	__wasm_vfork_return(setjmp(__wasm_vfork_buf()))
 * so that the setjmp is in the caller's frame.  The clone call makes the
 * kernel lend this thread to a child and return 0: we go on as the child.
 * The child's successful execve or its exit returns its pid instead
 * (syscall_arch.h), and __wasm_vfork_leave unwinds to the setjmp, which
 * returns the pid to the parent.  The buffers form a stack because a child
 * may vfork again before it execs or exits.
 */
#define VFORK_MAX 16

/* Per thread: each vforks on its own (posix_spawn from two threads). */
static _Thread_local jmp_buf stack[VFORK_MAX], spare;
static _Thread_local int depth, full;

struct __jmp_buf_tag *__wasm_vfork_buf(void)
{
	/* setjmp needs a buffer even when the stack is full: the first
	 * return then fails with EAGAIN. */
	if (depth == VFORK_MAX) {
		full = 1;
		return spare;
	}
	return stack[depth++];
}

/* The first return (0) makes the child; the second is the child's pid. */
int __wasm_vfork_return(int r)
{
	if (r) {
		depth--;
		return r;
	}
	if (full) {
		full = 0;
		errno = EAGAIN;
		return -1;
	}
	r = __syscall(SYS_clone, CLONE_VM|CLONE_VFORK|SIGCHLD, 0, 0, 0, 0);
	if (r) {
		/* An error; or a kernel that ran the child elsewhere. */
		depth--;
		return __syscall_ret(r);
	}
	return 0;
}

/* Called from __clone too, which runs its child in the same way. */
hidden int __wasm_vfork_push(struct __jmp_buf_tag **jb)
{
	if (depth == VFORK_MAX) return -EAGAIN;
	*jb = stack[depth++];
	return 0;
}

hidden void __wasm_vfork_pop(void)
{
	depth--;
}

hidden _Noreturn void __wasm_vfork_leave(long pid)
{
	if (!depth) a_crash();
	longjmp(stack[depth-1], pid);
}
