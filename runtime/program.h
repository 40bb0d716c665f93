/*
 * The interface between the native runtime and a user program that
 * wasm2c translated: the program's description, which its glue
 * (tools/w2c-program.py) defines, and the instance types both sides use.
 * Built-in programs are linked into the runtime; others are shared
 * objects made on demand (translate.c), which is why this is an ABI of
 * its own: a change here must change WL_PROGRAM_ABI, so that objects
 * made for another runtime are translated again, never loaded.
 */
#ifndef WASMLINUX_PROGRAM_H
#define WASMLINUX_PROGRAM_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include "wasm-rt.h"

#define WL_PROGRAM_ABI	7

/* The program's memory import, env.memory. */
struct Z_env_instance_t {
	wasm_rt_memory_t memory;
};
/*
 * A program with atomic instructions imports them from module
 * "wl_atomic" (tools/wasm-atomics.py); they work on its memory, so their
 * instance is the program's env itself, under this type, which is never
 * defined (atomics.c converts it back).
 */
struct Z_wl_atomic_instance_t;
/* A process memory with the program's instance (user.c). */
struct Z_linux_instance_t;

struct wl_program {
	uint32_t abi;			/* WL_PROGRAM_ABI */
	const char *name;
	uint64_t hash;			/* wl_program_hash() of the module */
	uint32_t size;			/* of the module, bytes */
	uint32_t initial_pages, max_pages;	/* of its memory import */
	uint32_t null_guard;		/* bytes below its first data */
	size_t instance_size;
	void (*init_module)(void);
	void (*instantiate)(void *inst, struct Z_env_instance_t *env,
			    struct Z_linux_instance_t *proc);
	void (*free)(void *inst);
	void (*start)(void *inst, uint32_t args);
	void (*signal)(void *inst, uint32_t handler, uint32_t sig,
		       uint32_t flags);
	/* __wasm_thread_start, or NULL if the program has no threads */
	void (*thread_start)(void *inst, uint32_t stack);
	/*
	 * Asyncify's controls, for fork (fork.c), or NULL if the program
	 * cannot fork; copy_globals gives dst src's exported globals.
	 */
	void (*start_unwind)(void *inst, uint32_t data);
	void (*stop_unwind)(void *inst);
	void (*start_rewind)(void *inst, uint32_t data);
	void (*stop_rewind)(void *inst);
	void (*copy_globals)(void *dst, const void *src);
	/* its exported table, or NULL if it has no invoke imports */
	wasm_rt_funcref_table_t *(*table)(void *inst);
	/*
	 * Its exported __stack_pointer, and __wasm_sjlj_mark (user_abi.h),
	 * or NULL if it has none (no setjmp).
	 */
	uint32_t *(*stack_pointer)(void *inst);
	uint32_t *(*sjlj_mark)(void *inst);
};

/*
 * The glue's invoke imports (setjmp, user_abi.h; runtime/sjlj.c): enter
 * checks table entry fn of the calling thread's instance against type
 * (else the program traps) and returns it; the program's longjmp comes
 * back to jb; leave ends the call, either way.
 */
/*
 * The glue's definitions that every program has alike (its invokes): one
 * of them is kept.  PE's weak symbols do not resolve the references of
 * wasm2c's output, so the Windows link keeps the first definition
 * (windows.mk: --allow-multiple-definition).
 */
#ifdef _WIN32
#define WL_WEAK
#else
#define WL_WEAK	__attribute__((weak))
#endif

#ifdef _WIN32
/* (see platform.h's plat_setjmp: longjmp is not to unwind frames) */
#define wl_setjmp(buf)	_setjmp((buf), NULL)
#else
#define wl_setjmp(buf)	setjmp(buf)
#endif
struct wl_invoke {
	jmp_buf jb;
	struct wl_invoke *outer;
	int signals;
	uint32_t mark;		/* __wasm_sjlj_mark when it returns */
};
const wasm_rt_funcref_t *wl_invoke_enter(struct Z_env_instance_t *env,
					 struct wl_invoke *iv, uint32_t fn,
					 uint32_t type);
void wl_invoke_leave(struct wl_invoke *iv);

#endif
