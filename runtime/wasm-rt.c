/*
 * The runtime functions wasm2c's output calls (wasm-rt.h), written for
 * many threads: the function type registry is locked, and a trap is
 * handled on the thread where it happens.  A trap in the kernel is
 * fatal: the program ends naming the trap and the wasm function.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The jump back to wasm_rt_try(), which is wasm-rt.h's WASM_RT_SETJMP. */
#if defined(_WIN32) || !WASM_RT_MEMCHECK_SIGNAL_HANDLER
#define RT_LONGJMP(buf)	longjmp((buf), 1)
#else
#define RT_LONGJMP(buf)	siglongjmp((buf), 1)
#endif

struct func_type {
	uint32_t params, results;
	wasm_rt_type_t types[];
};

static bool initialized;
static struct plat_mutex *types_lock;
static struct func_type **types;
static uint32_t ntypes;

static const char *const trap_names[] = {
	[WASM_RT_TRAP_NONE] = "no trap",
	[WASM_RT_TRAP_OOB] = "out-of-bounds memory access",
	[WASM_RT_TRAP_INT_OVERFLOW] = "integer overflow",
	[WASM_RT_TRAP_DIV_BY_ZERO] = "integer divide by zero",
	[WASM_RT_TRAP_INVALID_CONVERSION] = "invalid conversion to integer",
	[WASM_RT_TRAP_UNREACHABLE] = "unreachable executed",
	[WASM_RT_TRAP_CALL_INDIRECT] = "indirect call to a wrong or null function",
	[WASM_RT_TRAP_UNCAUGHT_EXCEPTION] = "uncaught exception",
	[WASM_RT_TRAP_EXHAUSTION] = "call stack exhausted",
};

const char *wasm_rt_strerror(wasm_rt_trap_t trap)
{
	if ((unsigned int)trap < sizeof(trap_names) / sizeof(trap_names[0]))
		return trap_names[trap];
	return "unknown trap";
}

/* The innermost wasm function on this thread's stack, by symbol. */
static const char *wasm_function(void)
{
	void *frames[64];
	int n = plat_backtrace(frames, 64);

	for (int i = 0; i < n; i++) {
		/* a return address may be past the end of a noreturn call */
		const char *name = plat_symbol((char *)frames[i] - 1);

		if (name && !strncmp(name, "w2c_kernel_", 11))
			return name + 11;
	}
	return NULL;
}

static _Noreturn void trap(const char *what)
{
	const char *fn = wasm_function();

	wl_die(3, "wasm trap: %s in kernel function %s", what,
	       fn ? fn : "(unknown)");
}

void wasm_rt_trap(wasm_rt_trap_t code)
{
	wl_user_trap(code);
	trap(wasm_rt_strerror(code));
}

static void on_fault(void *addr)
{
	/* deep recursion in wasm code (a user program's, or the kernel's) */
	if (plat_stack_fault(addr))
		wasm_rt_trap(WASM_RT_TRAP_EXHAUSTION);
	wl_user_fault(addr);
	if (!wl_mem_reserved(&wl_env.memory, addr))
		return;
	if ((uint8_t *)addr < wl_env.memory.data + WL_NULL_GUARD)
		trap("NULL pointer access");
	trap(wasm_rt_strerror(WASM_RT_TRAP_OOB));
}

void wasm_rt_init(void)
{
	types_lock = plat_mutex_new();
	plat_on_fault(on_fault);
	initialized = true;
}

bool wasm_rt_is_initialized(void)
{
	return initialized;
}

void wasm_rt_free(void)
{
}

uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...)
{
	uint32_t n = params + results, i;
	struct func_type *t = malloc(sizeof(*t) + n * sizeof(t->types[0]));
	va_list ap;

	if (!t)
		wl_die(1, "out of host memory");
	t->params = params;
	t->results = results;
	va_start(ap, results);
	for (i = 0; i < n; i++)
		t->types[i] = va_arg(ap, wasm_rt_type_t);
	va_end(ap);

	plat_mutex_lock(types_lock);
	for (i = 0; i < ntypes; i++) {
		if (types[i]->params == params && types[i]->results == results &&
		    !memcmp(types[i]->types, t->types, n * sizeof(t->types[0])))
			break;
	}
	if (i == ntypes) {
		struct func_type **v = realloc(types, (ntypes + 1) * sizeof(*v));

		if (!v)
			wl_die(1, "out of host memory");
		types = v;
		types[ntypes++] = t;
		t = NULL;
	}
	plat_mutex_unlock(types_lock);
	free(t);
	return i;
}

static void *table_alloc(uint32_t elements, size_t size)
{
	void *data = calloc(elements ? elements : 1, size);

	if (!data)
		wl_die(1, "out of host memory");
	return data;
}

void wasm_rt_allocate_funcref_table(wasm_rt_funcref_table_t *table,
				    uint32_t elements, uint32_t max)
{
	table->size = elements;
	table->max_size = max;
	table->data = table_alloc(elements, sizeof(*table->data));
}

void wasm_rt_free_funcref_table(wasm_rt_funcref_table_t *table)
{
	free(table->data);
	table->data = NULL;
}

void wasm_rt_allocate_externref_table(wasm_rt_externref_table_t *table,
				      uint32_t elements, uint32_t max)
{
	table->size = elements;
	table->max_size = max;
	table->data = table_alloc(elements, sizeof(*table->data));
}

void wasm_rt_free_externref_table(wasm_rt_externref_table_t *table)
{
	free(table->data);
	table->data = NULL;
}

/* Tables are shared per thread copy; they never grow. */
uint32_t wasm_rt_grow_funcref_table(wasm_rt_funcref_table_t *table,
				    uint32_t delta, wasm_rt_funcref_t init)
{
	(void)table, (void)delta, (void)init;
	return (uint32_t)-1;
}

uint32_t wasm_rt_grow_externref_table(wasm_rt_externref_table_t *table,
				      uint32_t delta, wasm_rt_externref_t init)
{
	(void)table, (void)delta, (void)init;
	return (uint32_t)-1;
}

/*
 * Exceptions (user programs' setjmp/longjmp): the thrown exception and
 * the innermost catching frame belong to the thread.
 */
static _Thread_local struct {
	uint32_t tag, size;
	uint8_t data[64];
} exception;
static _Thread_local WASM_RT_UNWIND_TARGET *unwind_target;
static uint32_t ntags;

uint32_t wasm_rt_register_tag(uint32_t size)
{
	uint32_t tag;

	if (size > sizeof(exception.data))
		wl_die(1, "a wasm exception tag of %u bytes is too large", size);
	plat_mutex_lock(types_lock);
	tag = ++ntags;
	plat_mutex_unlock(types_lock);
	return tag;
}

void wasm_rt_load_exception(uint32_t tag, uint32_t size, const void *values)
{
	exception.tag = tag;
	exception.size = size;
	memcpy(exception.data, values, size);
}

void wasm_rt_throw(void)
{
	if (!unwind_target)
		wasm_rt_trap(WASM_RT_TRAP_UNCAUGHT_EXCEPTION);
	RT_LONGJMP(*unwind_target);
}

WASM_RT_UNWIND_TARGET *wasm_rt_get_unwind_target(void)
{
	return unwind_target;
}

void wasm_rt_set_unwind_target(WASM_RT_UNWIND_TARGET *target)
{
	unwind_target = target;
}

uint32_t wasm_rt_exception_tag(void)
{
	return exception.tag;
}

uint32_t wasm_rt_exception_size(void)
{
	return exception.size;
}

void *wasm_rt_exception(void)
{
	return exception.data;
}
