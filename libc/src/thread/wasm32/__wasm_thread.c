#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <string.h>
#include "pthread_impl.h"
#include "syscall.h"

/*
 * Threads (user_abi.h): clone with CLONE_VM and a stack makes the host
 * run a new instance of the program over our memory, which calls the
 * export __wasm_thread_start(stack) (__wasm_thread_start.s).  That
 * instance has nothing of ours yet: its __stack_pointer is the main
 * thread's and its __tls_base 0.  So what it is to run is kept at the
 * top of the new stack, where the stack pointer it is given points.
 */
struct start {
	int (*fn)(void *);
	void *arg;
	struct pthread *td;	/* CLONE_SETTLS: the new thread's */
	void *tls_base;		/* else the parent's TLS block, shared */
	unsigned long mask[_NSIG/8/sizeof(long)];
};

hidden void __wasm_init_tls(void *);
hidden void __wasm_set_tls_base(void *);

/*
 * A new thread's area of libc.tls_size bytes at mem (pthread_create),
 * laid out as __init_tls counted: its dtv, its struct pthread, then its
 * TLS block, each aligned.  The block is filled by the thread itself.
 */
void *__copy_tls(unsigned char *mem)
{
	uintptr_t *dtv = (uintptr_t *)mem;
	pthread_t td;

	mem += 2*sizeof *dtv;
	mem += -(uintptr_t)mem & (libc.tls_align-1);
	td = (pthread_t)mem;
	mem += sizeof *td;
	mem += -(uintptr_t)mem & (libc.tls_align-1);
	dtv[0] = 1;
	dtv[1] = (uintptr_t)mem;
	td->dtv = dtv;
	return td;
}

/*
 * The parent's side of __clone for a thread.  The child starts with
 * every signal blocked, since a handler needs the TLS block that it has
 * yet to set up, and restores the mask it would have inherited.  The
 * arguments of the kernel's clone are in the generic order (no
 * CLONE_BACKWARDS): flags, stack, parent_tid, child_tid, tls.
 */
hidden int __wasm_clone_thread(int (*fn)(void *), void *stack, int flags,
                               void *arg, pid_t *ptid, void *tls, pid_t *ctid)
{
	struct start *s = (void *)(((uintptr_t)stack - sizeof *s) & -16);
	sigset_t set;
	long r;

	s->fn = fn;
	s->arg = arg;
	/* TP_ADJ is the identity here: tls is the struct pthread. */
	s->td = (flags & CLONE_SETTLS) ? tls : 0;
	s->tls_base = __builtin_wasm_tls_base();
	__block_all_sigs(&set);
	memcpy(s->mask, &set, sizeof s->mask);
	/* (CLONE_VM is set, as __clone checked: said here too, the compiler
	 * drops __syscall's path to fork, and a program with threads links
	 * fork only if it forks) */
	r = __syscall(SYS_clone, flags | CLONE_VM, s, ptid, ctid, tls);
	__restore_sigs(&set);
	return r;
}

/*
 * The child's side, on its own stack (from __wasm_thread_start): its
 * TLS block first, as nothing that touches a thread-local, errno
 * included, may run before; without CLONE_SETTLS it shares the
 * parent's, as a thread pointer register would be shared elsewhere.
 */
hidden _Noreturn void __wasm_thread_run(struct start *s)
{
	int r;

	if (s->td) {
		__wasm_init_tls((void *)s->td->dtv[1]);
		__set_thread_area(s->td);
	} else {
		__wasm_set_tls_base(s->tls_base);
	}
	__restore_sigs(s->mask);
	r = s->fn(s->arg);
	for (;;) __syscall(SYS_exit, r);
}
