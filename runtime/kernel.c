/*
 * The kernel module and the per-thread contexts that run it.  wasm2c's
 * instantiate writes the data segments into memory, so it runs once, for
 * a template; each thread runs a copy of the template with its own
 * __stack_pointer, shadow stack and function table.  Contexts of exited
 * threads are kept and reused, stacks and all.
 */
#include <stdlib.h>
#include <string.h>

#include <asm/host_ops.h>

#include "internal.h"

static Z_kernel_instance_t wl_template;
static wl_ctx template_host;	/* host instance the template was made with */

static _Thread_local wl_ctx *self;
static struct plat_mutex *pool_lock;
static wl_ctx *pool;
static uint32_t type_void, type_void_i32;

void wl_kernel_load(void)
{
	wasm_rt_init();
	wl_threads_init();
	wl_user_init();
	Z_kernel_init_module();
	wasm_rt_allocate_memory(&wl_env.memory, WASM_INITIAL_MEMORY / WL_PAGE,
				65536);
	Z_kernel_instantiate(&wl_template, &wl_env, &template_host);
	wl_mem_protect_low();
	pool_lock = plat_mutex_new();
	type_void = wasm_rt_register_func_type(0, 0);
	type_void_i32 = wasm_rt_register_func_type(1, 0, WASM_RT_I32);
}

static wl_ctx *ctx_make(void)
{
	wasm_rt_funcref_table_t *t;
	wl_ctx *ctx = calloc(1, sizeof(*ctx));

	if (!ctx)
		wl_die(1, "out of host memory");
	ctx->stack = wl_mem_alloc(WL_STACK_SIZE);
	if (!ctx->stack)
		wl_die(1, "out of linear memory for a thread stack");
	ctx->inst = wl_template;
	t = &ctx->inst.w2c___indirect_function_table;
	t->data = malloc(t->size * sizeof(*t->data));
	if (!t->data)
		wl_die(1, "out of host memory");
	for (uint32_t i = 0; i < t->size; i++) {
		wasm_rt_funcref_t f = wl_template.w2c___indirect_function_table.data[i];

		if (f.module_instance == &wl_template)
			f.module_instance = &ctx->inst;
		else if (f.module_instance == &template_host)
			f.module_instance = ctx;
		t->data[i] = f;
	}
	ctx->inst.Z_host_instance = ctx;
	wl_stats.contexts++;
	return ctx;
}

/* A context for the calling thread, which has none yet. */
wl_ctx *wl_ctx_new(void)
{
	wl_ctx *ctx;

	plat_mutex_lock(pool_lock);
	ctx = pool;
	if (ctx)
		pool = ctx->next_free;
	plat_mutex_unlock(pool_lock);
	if (!ctx)
		ctx = ctx_make();
	ctx->inst.w2c___stack_pointer = ctx->stack + WL_STACK_SIZE;
	memset(ctx->tls, 0, sizeof(ctx->tls));
	ctx->thread = NULL;
	self = ctx;
	plat_thread_enter();
	return ctx;
}

void wl_ctx_put(wl_ctx *ctx)
{
	self = NULL;
	plat_thread_leave();
	plat_mutex_lock(pool_lock);
	ctx->next_free = pool;
	pool = ctx;
	plat_mutex_unlock(pool_lock);
}

wl_ctx *wl_ctx_self(void)
{
	return self;
}

static wasm_rt_funcref_t *table_fn(wl_ctx *ctx, uint32_t fn, uint32_t type)
{
	wasm_rt_funcref_table_t *t = &ctx->inst.w2c___indirect_function_table;

	if (fn >= t->size || !t->data[fn].func || t->data[fn].func_type != type)
		wl_die(3, "kernel passed a bad callback (table index %u)", fn);
	return &t->data[fn];
}

void wl_call_void(wl_ctx *ctx, uint32_t fn)
{
	wasm_rt_funcref_t *f = table_fn(ctx, fn, type_void);

	((void (*)(void *))f->func)(f->module_instance);
}

void wl_call_void_i32(wl_ctx *ctx, uint32_t fn, uint32_t arg)
{
	wasm_rt_funcref_t *f = table_fn(ctx, fn, type_void_i32);

	((void (*)(void *, uint32_t))f->func)(f->module_instance, arg);
}
