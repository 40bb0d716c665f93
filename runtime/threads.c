/* Host threads, thread-local keys and jump buffers for the kernel. */
#include <stdlib.h>
#include <string.h>

#include <asm/unistd_32.h>

#include "internal.h"

struct wl_thread {
	uint32_t handle;
	uintptr_t os;		/* while it runs: its id for interrupts */
	uint32_t fn, arg;
	struct plat_sem *done;
	struct wl_spawn spawn;
};

static struct plat_mutex *os_lock;	/* wl_thread.os against interrupts */
static bool tls_used[WL_TLS_KEYS];
static struct plat_mutex *tls_lock;

static struct wl_thread *thread_new(uint32_t fn, uint32_t arg)
{
	struct wl_thread *t = calloc(1, sizeof(*t));

	if (!t)
		wl_die(1, "out of host memory");
	t->fn = fn;
	t->arg = arg;
	t->done = plat_sem_new(0);
	t->handle = wl_handle_new(WL_THREAD, t);
	return t;
}

/* Gives a thread that runs kernel code without being created by it an id. */
static void thread_running(struct wl_thread *t, bool running)
{
	plat_mutex_lock(os_lock);
	t->os = running ? plat_thread_id() : 0;
	plat_mutex_unlock(os_lock);
}

/* A thread runs user code: make it enter the kernel soon. */
void Z_hostZ_user_interrupt(wl_ctx *ctx, u32 handle)
{
	struct wl_thread *t = wl_handle_find(WL_THREAD, handle);

	(void)ctx;
	if (!t)
		return;
	plat_mutex_lock(os_lock);
	if (t->os)
		plat_thread_interrupt(t->os);
	plat_mutex_unlock(os_lock);
}

void wl_threads_init(void)
{
	os_lock = plat_mutex_new();
	plat_on_interrupt(wl_user_interrupted);
}

uint32_t wl_thread_adopt(wl_ctx *ctx)
{
	ctx->thread = thread_new(0, 0);
	thread_running(ctx->thread, true);
	return ctx->thread->handle;
}

static void thread_main(void *p)
{
	struct wl_thread *t = p;
	wl_ctx *ctx = wl_ctx_new();

	ctx->thread = t;
	thread_running(t, true);
	if (!plat_setjmp(ctx->exit_jb)) {
		wl_call_void_i32(ctx, t->fn, t->arg);
		/* Only a task made for the host comes back: run its code. */
		if (!t->spawn.fn)
			wl_die(3, "a kernel thread returned to the host");
		t->spawn.fn(t->spawn.arg);
		Z_kernelZ_wasm_syscall(&ctx->inst, __NR_exit, 0, 0, 0, 0, 0, 0);
		wl_die(3, "a task survived exit()");
	}
	thread_running(t, false);
	__atomic_fetch_add(&wl_stats.threads_ended, 1, __ATOMIC_RELAXED);
	wl_user_thread_exit();
	wl_ctx_put(ctx);
	plat_sem_up(t->done);
}

u32 Z_hostZ_thread_create(wl_ctx *ctx, u32 fn, u32 arg)
{
	struct wl_thread *t = thread_new(fn, arg);

	if (ctx->spawn) {
		t->spawn = *ctx->spawn;
		ctx->spawn = NULL;
	}
	if (!plat_thread_start(thread_main, t)) {
		wl_handle_free(t->handle);
		plat_sem_free(t->done);
		free(t);
		return 0;
	}
	wl_stats.threads++;
	return t->handle;
}

void Z_hostZ_thread_exit(wl_ctx *ctx)
{
	if (!ctx->thread || !ctx->thread->fn)
		wl_die(3, "kernel tried to end a thread it did not create");
	plat_longjmp(ctx->exit_jb);
}

u32 Z_hostZ_thread_join(wl_ctx *ctx, u32 handle)
{
	struct wl_thread *t = wl_handle_get(WL_THREAD, handle);

	(void)ctx;
	plat_sem_down(t->done);
	wl_handle_free(handle);
	plat_sem_free(t->done);
	free(t);
	return 0;
}

u32 Z_hostZ_thread_self(wl_ctx *ctx)
{
	return ctx->thread->handle;
}

/* Keys live as long as the kernel: there is no tls_free. */
u32 Z_hostZ_tls_alloc(wl_ctx *ctx)
{
	(void)ctx;
	if (!tls_lock)
		tls_lock = plat_mutex_new();
	plat_mutex_lock(tls_lock);
	for (u32 k = 1; k < WL_TLS_KEYS; k++) {
		if (!tls_used[k]) {
			tls_used[k] = true;
			plat_mutex_unlock(tls_lock);
			return k;
		}
	}
	plat_mutex_unlock(tls_lock);
	return 0;
}

void Z_hostZ_tls_set(wl_ctx *ctx, u32 key, u32 value)
{
	if (!key || key >= WL_TLS_KEYS)
		wl_die(3, "kernel used a bad thread-local key %u", key);
	ctx->tls[key] = value;
}

u32 Z_hostZ_tls_get(wl_ctx *ctx, u32 key)
{
	if (!key || key >= WL_TLS_KEYS)
		wl_die(3, "kernel used a bad thread-local key %u", key);
	return ctx->tls[key];
}

/*
 * Jump buffers: the kernel's buffer holds the address of a host frame on
 * this thread's stack, valid while jmp_buf_set is running.
 */
struct jmp_frame {
	plat_jmp_buf buf;
};

void Z_hostZ_jmp_buf_set(wl_ctx *ctx, u32 jb, u32 fn)
{
	struct jmp_frame frame;
	volatile u32 sp = ctx->inst.w2c___stack_pointer;
	uint64_t token = (uint64_t)(uintptr_t)&frame;

	memcpy(wl_ptr(jb), &token, sizeof(token));
	if (!plat_setjmp(frame.buf))
		wl_call_void(ctx, fn);
	/* A longjmp skipped the epilogues that restore the stack pointer. */
	ctx->inst.w2c___stack_pointer = sp;
}

void Z_hostZ_jmp_buf_longjmp(wl_ctx *ctx, u32 jb)
{
	uint64_t token;

	(void)ctx;
	memcpy(&token, wl_ptr(jb), sizeof(token));
	plat_longjmp(((struct jmp_frame *)(uintptr_t)token)->buf);
}
