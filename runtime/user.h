/*
 * What user.c shares with fork.c: a process memory with its program, and
 * the state of the user code a host thread runs.
 */
#ifndef WASMLINUX_USER_H
#define WASMLINUX_USER_H

#include <setjmp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "platform.h"
#include "program.h"

struct Z_linux_instance_t {
	struct Z_env_instance_t env;	/* the memory */
	const struct wl_program *prog;
	uint32_t image;			/* prog's (user.c) */
	void *inst;			/* the first thread's instance */
	int refs;			/* the kernel's, and running threads' */
	uint32_t handle;
	/* a fork's copy: where its first thread rewinds from (fork.c) */
	uint32_t fork_buf, fork_args;
	bool fork_thread;
};
typedef struct Z_linux_instance_t wl_umem;

/* Where a thread is in a fork of its program (fork.c). */
enum wl_fork_state {
	WL_FORK_NONE,
	WL_FORK_UNWIND,			/* unwinding, then forking */
	WL_FORK_REWIND,			/* rewinding to return fork_ret */
};

/* What runs user code on this thread. */
struct user_thread {
	plat_jmp_buf base;
	bool has_base;
	volatile bool in_user;		/* user code, not kernel code, runs */
	wl_umem *cur, *next;
	void *inst, *next_inst;		/* the instance of cur (next) run here */
	uint32_t *sp, *mark;		/* its __stack_pointer, __wasm_sjlj_mark */
	uint32_t next_args;
	bool next_thread;		/* next starts from __wasm_thread_start */
	uint32_t args;			/* what cur's entry point was given */
	bool thread;			/* and whether it is __wasm_thread_start */
	volatile int trap_sig;
	volatile sig_atomic_t kicked;	/* an interrupt came outside user code */
	int deferred;			/* interrupts that ran no handler */
	int signals;			/* signal handlers running */
	struct wl_invoke *invoke;	/* the innermost (sjlj.c) */
	enum wl_fork_state fork;
	uint32_t fork_clone3[2];	/* the fork's clone3 arguments */
	uint32_t fork_buf, fork_ret;
};
extern _Thread_local struct user_thread ut;

/* user.c */
wl_umem *wl_umem_new(uint32_t image, uint32_t pages);
void wl_umem_destroy(wl_umem *m);
void wl_umem_hold(wl_umem *m);
uint32_t wl_umem_beyond(wl_umem *m, uint32_t uaddr, uint32_t len);
_Noreturn void wl_user_run(wl_umem *m, void *inst, uint32_t args,
			   bool thread);

/* fork.c: after the entry point returned; true to call it again */
bool wl_fork_resume(void);

#endif
