/*
 * Internal interfaces of the native runtime.  The kernel module is the
 * C that wasm2c made of kernel.wasm (kernel.h); every host thread that
 * runs it has its own context: a copy of the module instance (its own
 * __stack_pointer and a function table whose entries point back at the
 * copy) and its own shadow stack in linear memory.
 */
#ifndef WASMLINUX_INTERNAL_H
#define WASMLINUX_INTERNAL_H

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

#include <asm/host_ops.h>

#include "wasm-rt.h"
#include "kernel.h"
#include "platform.h"
#include "program.h"

#define WL_STACK_SIZE	(128u * 1024)	/* shadow stack per host thread */
#define WL_TLS_KEYS	16
#define WL_NULL_GUARD	WASM_NULL_GUARD
#define WL_PAGE		65536u		/* wasm page */
/*
 * The address space of every wasm memory, reserved at once: the 32-bit
 * space plus the largest offset an access adds to an address, so that no
 * access needs a bounds check (memory.c).
 */
#define WL_MEM_RESERVE	(8ull << 30)

struct wl_thread;

/* Host code a new task runs on its thread (wasmlinux_spawn). */
struct wl_spawn {
	void (*fn)(void *);
	void *arg;
};

/* The per-thread context; wasm2c passes it to every host import. */
struct Z_host_instance_t {
	Z_kernel_instance_t inst;
	uint32_t stack;			/* shadow stack base */
	struct wl_thread *thread;
	uint32_t tls[WL_TLS_KEYS];
	plat_jmp_buf exit_jb;		/* where thread_exit unwinds to */
	const struct wl_spawn *spawn;	/* for the thread wasm_clone makes */
	struct Z_host_instance_t *next_free;
};
typedef struct Z_host_instance_t wl_ctx;

/* kernel.c */
void wl_kernel_load(void);
wl_ctx *wl_ctx_self(void);
wl_ctx *wl_ctx_new(void);
void wl_ctx_put(wl_ctx *ctx);
void wl_call_void(wl_ctx *ctx, uint32_t fn);
void wl_call_void_i32(wl_ctx *ctx, uint32_t fn, uint32_t arg);

/* memory.c: the kernel's linear memory and blocks of it */
extern struct Z_env_instance_t wl_env;
uint32_t wl_mem_alloc(uint32_t size);
void wl_mem_free(uint32_t addr);
void wl_mem_protect_low(void);
bool wl_zeros(const uint8_t *p, size_t k);
bool wl_mem_new_user(wasm_rt_memory_t *mem, uint32_t initial, uint32_t pages,
		     uint32_t max);
static inline void *wl_ptr(uint32_t addr)
{
	return wl_env.memory.data + addr;
}
/* Whether addr is in the reservation of mem, accessible or not. */
static inline bool wl_mem_reserved(const wasm_rt_memory_t *mem,
				   const void *addr)
{
	const uint8_t *p = addr;

	return mem->data && p >= mem->data && p < mem->data + WL_MEM_RESERVE;
}

/* handles.c: 32-bit ids for host objects */
enum wl_kind { WL_MUTEX = 1, WL_SEM, WL_THREAD, WL_TIMER, WL_UMEM };
uint32_t wl_handle_new(enum wl_kind kind, void *obj);
void *wl_handle_get(enum wl_kind kind, uint32_t h);
void *wl_handle_find(enum wl_kind kind, uint32_t h);
void wl_handle_free(uint32_t h);

/* threads.c */
uint32_t wl_thread_adopt(wl_ctx *ctx);
void wl_threads_init(void);

/* user.c: user programs (program.h) */
extern const struct wl_program *const wl_programs[];	/* NULL-ended */
void wl_user_init(void);
uint64_t wl_program_hash(const uint8_t *p, size_t n);
void wl_user_trap(wasm_rt_trap_t code);
void wl_user_fault(void *addr);
void wl_user_thread_exit(void);
void wl_user_interrupted(void);

/* translate.c: programs translated on demand, and their cache */
void wl_translate_init(void);
const struct wl_program *wl_translated(const uint8_t *module, size_t size,
				       uint64_t hash, const char *path,
				       char *why, size_t why_size);

/* stdio.c */
void wl_stdio_flush(void);

/* console.c */
void wl_console_write(const char *s, size_t n);
void wl_console_input_start(void);

/* diag.c: the run's configuration, statistics and end (a leaf) */
struct wasmlinux_config;
const struct wasmlinux_config *wl_config(void);
void wl_configure(const struct wasmlinux_config *cfg);
_Noreturn void wl_die(int status, const char *fmt, ...);
/* Ends the process, printing the statistics if the configuration asks. */
_Noreturn void wl_exit(int status);

/* statistics for --stats and the tests */
struct wl_stats {
	unsigned long threads;		/* host threads started */
	unsigned long threads_ended;	/* and ended (atomically counted) */
	unsigned long contexts;		/* contexts (instances + stacks) made */
	unsigned long peak_memory;	/* committed linear memory, bytes */
	unsigned long translations;	/* programs translated on demand */
};
extern struct wl_stats wl_stats;
void wl_stats_print(void);

/* host.c */
int wl_power_off_here(void);

#endif
