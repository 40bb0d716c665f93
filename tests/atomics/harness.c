/*
 * The atomic instructions of user programs, without the kernel
 * (tests/boot/atomics.sh): two modules translated as the build translates
 * programs (tools/w2c-translate.py: the rewrite of tools/wasm-atomics.py,
 * wasm2c, the split and the glue), linked with runtime/atomics.c.
 *
 * ops (ops.wat) has every atomic instruction: each is checked against
 * what the threads proposal says of its result, of the bytes it changes
 * and of the addresses it traps at.  threads (threads.c) runs on host
 * threads at once, an instance each over one memory, as a process's
 * threads do: totals must be exact where atomics make them so, and a
 * plain increment beside them must lose updates (else the machine gave
 * the test no contention to prove anything with).
 *
 * Prints "ok WHAT" or "FAIL WHAT" per check, as tests/run-tests.sh's
 * report() reads them, and "done" at the end.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atomics.h"
#include "ops.h"
#include "threads.h"

#define PAGE		65536u
#define THREADS		6
#define ROUNDS		200001u	/* odd: flips end set */

static int failures;

static void check(int good, const char *fmt, ...)
{
	va_list ap;

	printf(good ? "ok " : "FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!good)
		failures++;
}

/*
 * The wasm-rt functions the translated modules call, for this test: a
 * trap jumps back to the check that expected it.
 */
static _Thread_local sigjmp_buf *trap_jb;
static _Thread_local wasm_rt_trap_t trapped;

void wasm_rt_trap(wasm_rt_trap_t code)
{
	trapped = code;
	if (trap_jb)
		siglongjmp(*trap_jb, 1);
	printf("FAIL a trap nobody expected (%d)\n", code);
	exit(1);
}

bool wasm_rt_is_initialized(void)
{
	return true;
}

/* (the modules make no indirect calls: types need not be told apart) */
uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...)
{
	return params << 16 | results;
}

void wasm_rt_allocate_funcref_table(wasm_rt_funcref_table_t *table,
				    uint32_t elements, uint32_t max)
{
	table->data = calloc(elements ? elements : 1, sizeof(*table->data));
	table->size = elements;
	table->max_size = max;
}

void wasm_rt_free_funcref_table(wasm_rt_funcref_table_t *table)
{
	free(table->data);
}

/* memory.c's part: a module's memory import. */
wasm_rt_memory_t *Z_envZ_memory(struct Z_env_instance_t *env)
{
	return &env->memory;
}

/* user.c's part: nothing interrupts these threads. */
bool wl_user_defer_interrupts(void)
{
	return false;
}

void wl_user_allow_interrupts(bool was)
{
	(void)was;
}

extern const struct wl_program wl_program_ops, wl_program_threads;

static void memory_make(struct Z_env_instance_t *env, uint32_t pages,
			uint32_t max)
{
	env->memory.data = calloc(max, PAGE);
	if (!env->memory.data) {
		printf("FAIL out of memory\n");
		exit(1);
	}
	env->memory.pages = pages;
	env->memory.max_pages = max;
	env->memory.size = pages * PAGE;
}

/* Runs call(arg) and returns the trap it made, or WASM_RT_TRAP_NONE. */
static wasm_rt_trap_t trap_of(void (*call)(void *), void *arg)
{
	sigjmp_buf jb;

	trapped = WASM_RT_TRAP_NONE;
	if (!sigsetjmp(jb, 0)) {
		trap_jb = &jb;
		call(arg);
	}
	trap_jb = NULL;
	return trapped;
}

/* The instructions one by one (ops.wat). */
enum kind { LOAD, STORE, RMW, CMPXCHG };

struct op {
	const char *name;
	enum kind kind;
	unsigned int width;		/* bytes of memory */
	char rmw;			/* + - & | ^, = for xchg */
	bool i64;
	uint32_t (*l32)(Z_ops_instance_t *, uint32_t);
	uint64_t (*l64)(Z_ops_instance_t *, uint32_t);
	void (*s32)(Z_ops_instance_t *, uint32_t, uint32_t);
	void (*s64)(Z_ops_instance_t *, uint32_t, uint64_t);
	uint32_t (*r32)(Z_ops_instance_t *, uint32_t, uint32_t);
	uint64_t (*r64)(Z_ops_instance_t *, uint32_t, uint64_t);
	uint32_t (*c32)(Z_ops_instance_t *, uint32_t, uint32_t, uint32_t);
	uint64_t (*c64)(Z_ops_instance_t *, uint32_t, uint64_t, uint64_t);
};

#define L32(n, w)	{ #n, LOAD, w, 0, false, .l32 = Z_opsZ_##n }
#define L64(n, w)	{ #n, LOAD, w, 0, true, .l64 = Z_opsZ_##n }
#define S32(n, w)	{ #n, STORE, w, 0, false, .s32 = Z_opsZ_##n }
#define S64(n, w)	{ #n, STORE, w, 0, true, .s64 = Z_opsZ_##n }
#define R32(n, w, o)	{ #n, RMW, w, o, false, .r32 = Z_opsZ_##n }
#define R64(n, w, o)	{ #n, RMW, w, o, true, .r64 = Z_opsZ_##n }
#define C32(n, w)	{ #n, CMPXCHG, w, 0, false, .c32 = Z_opsZ_##n }
#define C64(n, w)	{ #n, CMPXCHG, w, 0, true, .c64 = Z_opsZ_##n }
#define RMWS(op, c)							\
	R32(i32_atomic_rmw_##op, 4, c), R32(i32_atomic_rmw8_##op##_u, 1, c), \
	R32(i32_atomic_rmw16_##op##_u, 2, c), R64(i64_atomic_rmw_##op, 8, c), \
	R64(i64_atomic_rmw8_##op##_u, 1, c), R64(i64_atomic_rmw16_##op##_u, 2, c), \
	R64(i64_atomic_rmw32_##op##_u, 4, c)

static const struct op ops[] = {
	L32(i32_atomic_load, 4), L32(i32_atomic_load8_u, 1),
	L32(i32_atomic_load16_u, 2), L64(i64_atomic_load, 8),
	L64(i64_atomic_load8_u, 1), L64(i64_atomic_load16_u, 2),
	L64(i64_atomic_load32_u, 4),
	S32(i32_atomic_store, 4), S32(i32_atomic_store8, 1),
	S32(i32_atomic_store16, 2), S64(i64_atomic_store, 8),
	S64(i64_atomic_store8, 1), S64(i64_atomic_store16, 2),
	S64(i64_atomic_store32, 4),
	RMWS(add, '+'), RMWS(sub, '-'), RMWS(and, '&'), RMWS(or, '|'),
	RMWS(xor, '^'), RMWS(xchg, '='),
	C32(i32_atomic_rmw_cmpxchg, 4), C32(i32_atomic_rmw8_cmpxchg_u, 1),
	C32(i32_atomic_rmw16_cmpxchg_u, 2), C64(i64_atomic_rmw_cmpxchg, 8),
	C64(i64_atomic_rmw8_cmpxchg_u, 1), C64(i64_atomic_rmw16_cmpxchg_u, 2),
	C64(i64_atomic_rmw32_cmpxchg_u, 4),
};

static Z_ops_instance_t ops_inst;
static struct Z_env_instance_t ops_env;

/* Calls op at addr with a (and b); 32-bit operands are a's low half. */
static uint64_t call_op(const struct op *o, uint32_t addr, uint64_t a,
			uint64_t b)
{
	switch (o->kind) {
	case LOAD:
		return o->i64 ? o->l64(&ops_inst, addr) : o->l32(&ops_inst, addr);
	case STORE:
		if (o->i64)
			o->s64(&ops_inst, addr, a);
		else
			o->s32(&ops_inst, addr, (uint32_t)a);
		return 0;
	case RMW:
		return o->i64 ? o->r64(&ops_inst, addr, a) :
				o->r32(&ops_inst, addr, (uint32_t)a);
	case CMPXCHG:
		return o->i64 ? o->c64(&ops_inst, addr, a, b) :
				o->c32(&ops_inst, addr, (uint32_t)a, (uint32_t)b);
	}
	return 0;
}

static uint64_t rmw(char op, uint64_t m, uint64_t v)
{
	switch (op) {
	case '+': return m + v;
	case '-': return m - v;
	case '&': return m & v;
	case '|': return m | v;
	case '^': return m ^ v;
	}
	return v;
}

static uint64_t get_le(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

static void put_le(uint8_t *p, unsigned int n, uint64_t v)
{
	for (unsigned int i = 0; i < n; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

/*
 * One instruction at base + 8, with operands a and b, against the model:
 * its result and the 24 bytes around.  With match, a compare-exchange's
 * expected value a is made equal to memory in the access's width, with
 * other bits set above it (the proposal wraps it before comparing).
 */
static bool op_once(const struct op *o, uint32_t base, uint64_t a, uint64_t b,
		    bool match)
{
	uint8_t *mem = ops_env.memory.data + base, want[24];
	unsigned int w = o->width;
	uint64_t mask = w == 8 ? ~0ull : (1ull << 8 * w) - 1;
	uint64_t vmask = o->i64 ? ~0ull : 0xffffffffull;
	uint64_t m, result = 0;

	for (unsigned int i = 0; i < 24; i++)
		mem[i] = (uint8_t)(0xa1 + 7 * i);
	memcpy(want, mem, 24);
	m = get_le(want + 8, w);
	if (match)
		a = m | (0xdeadbeefcafef00dull & ~mask);
	a &= vmask;
	b &= vmask;
	switch (o->kind) {
	case LOAD:
		result = m;
		break;
	case STORE:
		put_le(want + 8, w, a);
		break;
	case RMW:
		result = m;
		put_le(want + 8, w, rmw(o->rmw, m, a));
		break;
	case CMPXCHG:
		result = m;
		if ((a & mask) == m)
			put_le(want + 8, w, b);
		break;
	}
	return call_op(o, base, a, b) == result && !memcmp(mem, want, 24);
}

struct op_call {
	const struct op *o;
	uint32_t addr;
};

static void op_call(void *arg)
{
	struct op_call *c = arg;

	call_op(c->o, c->addr, 0, 0);
}

static void test_ops(void)
{
	uint32_t end;
	struct op_call c;
	int bad_value = 0, bad_trap = 0;
	char first[96] = "";

	memory_make(&ops_env, 1, 2);
	wl_program_ops.init_module();
	wl_program_ops.instantiate(&ops_inst, &ops_env, NULL);
	end = ops_env.memory.pages * PAGE;
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		const struct op *o = &ops[i];
		bool good;

		/* operands with carries, borrows and bits above the width */
		good = op_once(o, 256, 0x8877665544332211ull, 0x0102030405060708ull, false) &&
		       op_once(o, 512, 0xfedcba9876543210ull, 0x1122334455667788ull, false) &&
		       (o->kind != CMPXCHG ||
			op_once(o, 768, 0, 0x8899aabbccddeeffull, true));
		if (!good) {
			if (!bad_value++)
				snprintf(first, sizeof(first), "%s", o->name);
			continue;
		}
		c.o = o;
		/* the last whole access fits; one past it, or past 4 GiB, not */
		c.addr = end - 8 - o->width;
		good = trap_of(op_call, &c) == WASM_RT_TRAP_NONE;
		c.addr = end - 8;
		good = good && trap_of(op_call, &c) == WASM_RT_TRAP_OOB;
		c.addr = 0xfffffff8u;
		good = good && trap_of(op_call, &c) == WASM_RT_TRAP_OOB;
		if (o->width > 1) {
			c.addr = 257;
			good = good && trap_of(op_call, &c) == WASM_RT_TRAP_OOB;
		}
		if (!good && !bad_trap++ && !*first)
			snprintf(first, sizeof(first), "%s (traps)", o->name);
	}
	check(!bad_value, "each of the %zu loads, stores and read-modify-writes "
	      "gives the proposal's result and bytes%s%s",
	      sizeof(ops) / sizeof(ops[0]), bad_value ? ", not " : "", first);
	check(!bad_trap, "each traps past the memory's end, past 4 GiB (no wrap) "
	      "and misaligned, and not at the last place it fits");
	Z_opsZ_atomic_fence(&ops_inst);
	/* 0 at the address, 5 at the address + 8 */
	memset(ops_env.memory.data + 256, 0, 16);
	ops_env.memory.data[256 + 8] = 5;
	check(Z_opsZ_memory_atomic_wait32(&ops_inst, 256, 5, 0) == 2 &&
	      Z_opsZ_memory_atomic_wait32(&ops_inst, 256, 0, -1) == 1 &&
	      Z_opsZ_memory_atomic_wait64(&ops_inst, 256, 5, 0) == 2 &&
	      Z_opsZ_memory_atomic_wait64(&ops_inst, 256, 0, -1) == 1,
	      "wait32 and wait64 compare the value at the address + offset");
	check(Z_opsZ_memory_atomic_notify(&ops_inst, 256, 3) == 0,
	      "notify of an address nobody waits at wakes none");
}

/* The threads (threads.c): one memory, an instance per host thread. */
static struct Z_env_instance_t env;
static pthread_barrier_t barrier;

struct worker {
	pthread_t thread;
	uint32_t id;
	Z_threads_instance_t inst;
	uint32_t tls, tls_addr;
	volatile uint32_t waited;	/* 1 + what its wait returned */
};

static struct worker workers[THREADS];

static void *work(void *arg)
{
	struct worker *w = arg;

	/* all at once: the start function initialises the memory once */
	pthread_barrier_wait(&barrier);
	wl_program_threads.instantiate(&w->inst, &env, NULL);
	Z_threadsZ_thread_init(&w->inst, w->id);
	Z_threadsZ_tls_set(&w->inst, 1000 + w->id);
	pthread_barrier_wait(&barrier);
	Z_threadsZ_add(&w->inst, ROUNDS);
	Z_threadsZ_locked(&w->inst, ROUNDS);
	Z_threadsZ_add64(&w->inst, ROUNDS);
	Z_threadsZ_cas64(&w->inst, ROUNDS / 4);
	Z_threadsZ_narrow(&w->inst, w->id, ROUNDS);
	w->tls = Z_threadsZ_tls_get(&w->inst);
	w->tls_addr = Z_threadsZ_tls_addr(&w->inst);
	return NULL;
}

static void run(void *(*fn)(void *))
{
	pthread_barrier_init(&barrier, NULL, THREADS);
	for (uint32_t i = 0; i < THREADS; i++)
		pthread_create(&workers[i].thread, NULL, fn, &workers[i]);
	for (uint32_t i = 0; i < THREADS; i++)
		pthread_join(workers[i].thread, NULL);
	pthread_barrier_destroy(&barrier);
}

static void *racy(void *arg)
{
	struct worker *w = arg;

	pthread_barrier_wait(&barrier);
	Z_threadsZ_unlocked(&w->inst, 4 * ROUNDS);
	return NULL;
}

/* The value cas64's chain reaches after n steps from 0. */
static uint64_t chain(uint32_t n)
{
	uint64_t x = 0;

	while (n--)
		x = x * 6364136223846793005ull + 1;
	return x;
}

static void test_threads(void)
{
	Z_threads_instance_t late;
	uint32_t total = THREADS * ROUNDS, bytes_ok = 1, tls_ok = 1, lost = 0;

	memory_make(&env, wl_program_threads.initial_pages,
		    wl_program_threads.max_pages);
	wl_program_threads.init_module();
	for (uint32_t i = 0; i < THREADS; i++)
		workers[i].id = i;
	run(work);

	check(Z_threadsZ_get_magic(&workers[0].inst) == 0x5eed1e55 &&
	      Z_threadsZ_tls_fits(&workers[0].inst),
	      "%d instances made at once: the start function initialised the "
	      "shared memory once", THREADS);
	check(Z_threadsZ_get_counter(&workers[0].inst) == total,
	      "fetch_add from %d threads: %u, exactly %u",
	      THREADS, Z_threadsZ_get_counter(&workers[0].inst), total);
	check(Z_threadsZ_get_guarded(&workers[0].inst) == total,
	      "a plain counter under a compare-exchange spin lock: %u, exactly %u",
	      Z_threadsZ_get_guarded(&workers[0].inst), total);
	check(Z_threadsZ_get_wide(&workers[0].inst) ==
	      (uint64_t)total * 0x100000001ull * 0xffff,
	      "64-bit fetch_add carrying across its halves is exact");
	check(Z_threadsZ_get_chain(&workers[0].inst) == chain(THREADS * (ROUNDS / 4)),
	      "a chain of 64-bit compare-exchanges takes every step once");
	for (uint32_t k = 0; k < 8; k++) {
		uint32_t adds = 0, flips = 0;

		for (uint32_t i = 0; i < THREADS; i++) {
			adds += i % 8 == k;
			if ((i + 1) % 8 == k && ROUNDS % 2)
				flips |= 0x80u >> (i % 8);
		}
		bytes_ok &= Z_threadsZ_get_byte(&workers[0].inst, k) ==
			    ((adds * ROUNDS) & 0xff) &&
			    Z_threadsZ_get_flip(&workers[0].inst, k) == flips;
	}
	for (uint32_t k = 0; k < 4; k++) {
		uint32_t subs = 0;

		for (uint32_t i = 0; i < THREADS; i++)
			subs += i % 4 == k;
		bytes_ok &= Z_threadsZ_get_half(&workers[0].inst, k) ==
			    ((0x10000u - (3 * subs * ROUNDS) % 0x10000) & 0xffff);
	}
	check(bytes_ok, "8- and 16-bit read-modify-writes of neighbours from "
	      "%d threads leave each exact", THREADS);
	for (uint32_t i = 0; i < THREADS; i++) {
		tls_ok &= workers[i].tls == 1000 + i;
		for (uint32_t j = 0; j < i; j++)
			tls_ok &= workers[i].tls_addr != workers[j].tls_addr;
	}
	check(tls_ok, "a _Thread_local variable is each instance's own");

	wl_program_threads.instantiate(&late, &env, NULL);
	check(Z_threadsZ_get_counter(&late) == total,
	      "a later instance does not initialise the memory again");
	wl_program_threads.free(&late);

	/*
	 * the control: the same contention loses plain updates (tried again:
	 * on a loaded machine the threads may run one after the other)
	 */
	for (int tries = 0; tries < 50 && !lost; tries++) {
		Z_threadsZ_reset_racy(&workers[0].inst);
		run(racy);
		lost = 4 * THREADS * ROUNDS - Z_threadsZ_get_racy(&workers[0].inst);
	}
	check(lost > 0, "the threads ran at once: a plain increment lost %u "
	      "updates that the atomic ones did not", lost);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void *waiter32(void *arg)
{
	struct worker *w = arg;

	w->waited = 1 + Z_threadsZ_wait32(&w->inst, 0, -1);
	return NULL;
}

static void *waiter64(void *arg)
{
	struct worker *w = arg;

	w->waited = 1 + Z_threadsZ_wait64(&w->inst, 0x100000000ull, -1);
	return NULL;
}

/*
 * Wakes the waiters at flag (notify, or notify64's flag64) one at a time
 * until n have been woken; whether no notify woke more than one, within
 * 10 s.
 */
static bool wake_one_by_one(uint32_t (*notify)(Z_threads_instance_t *,
						uint32_t), uint32_t n)
{
	struct timespec pause = { 0, 1000000 };
	uint64_t until = now_ns() + 10000000000ull;
	uint32_t woken = 0, r;

	while (woken < n && now_ns() < until) {
		r = notify(&workers[0].inst, 1);
		if (r > 1)
			return false;
		woken += r;
		if (!r)
			nanosleep(&pause, NULL);
	}
	return woken == n;
}

static void test_waits(void)
{
	Z_threads_instance_t *t = &workers[0].inst;
	uint32_t half = THREADS / 2, ok = 1;
	uint64_t t0, dt;

	Z_threadsZ_flag_set(t, 0);
	Z_threadsZ_flag64_set(t, 0x100000000ull);
	check(Z_threadsZ_wait32(t, 1, -1) == 1, "wait32 on a value that differs "
	      "returns 1 at once, even without a timeout");
	check(Z_threadsZ_wait64(t, 0, 0) == 1, "wait64 compares all 64 bits");
	check(Z_threadsZ_wait32(t, 0, 0) == 2, "a wait with timeout 0 times out");
	t0 = now_ns();
	ok = Z_threadsZ_wait32(t, 0, 30000000) == 2;
	dt = now_ns() - t0;
	check(ok && dt >= 30000000, "a wait of 30 ms times out (2) after %llu ms",
	      (unsigned long long)(dt / 1000000));
	check(Z_threadsZ_notify(t, 0) == 0 && Z_threadsZ_notify(t, 5) == 0,
	      "notify(0) and notify(5) with no waiter return 0");

	/* half the threads wait on flag, the others on flag64 */
	for (uint32_t i = 0; i < THREADS; i++) {
		workers[i].waited = 0;
		pthread_create(&workers[i].thread, NULL,
			       i < half ? waiter32 : waiter64, &workers[i]);
	}
	ok = wake_one_by_one(Z_threadsZ_notify, half);
	for (uint32_t i = 0; i < half; i++)
		pthread_join(workers[i].thread, NULL);
	for (uint32_t i = 0; i < half; i++)
		ok &= workers[i].waited == 1;
	for (uint32_t i = half; i < THREADS; i++)
		ok &= workers[i].waited == 0;
	check(ok, "notify(1) wakes one waiter of its address at a time, and "
	      "no waiter of another");
	ok = wake_one_by_one(Z_threadsZ_notify64, THREADS - half);
	for (uint32_t i = half; i < THREADS; i++) {
		pthread_join(workers[i].thread, NULL);
		ok &= workers[i].waited == 1;
	}
	check(ok, "wait64's waiters are woken by a notify of their address");
}

struct at_call {
	uint32_t (*fn)(Z_threads_instance_t *, uint32_t);
	uint32_t addr;
};

static void at_call(void *arg)
{
	struct at_call *c = arg;

	c->fn(&workers[0].inst, c->addr);
}

static uint32_t xchg64_at(Z_threads_instance_t *t, uint32_t p)
{
	return (uint32_t)Z_threadsZ_xchg64_at(t, p);
}

static wasm_rt_trap_t trap_at(uint32_t (*fn)(Z_threads_instance_t *, uint32_t),
			      uint32_t addr)
{
	struct at_call c = { fn, addr };

	return trap_of(at_call, &c);
}

static void test_traps(void)
{
	uint32_t end = env.memory.pages * PAGE;

	check(trap_at(Z_threadsZ_load_at, end - 20) == WASM_RT_TRAP_NONE &&
	      trap_at(Z_threadsZ_load_at, end - 16) == WASM_RT_TRAP_OOB &&
	      trap_at(Z_threadsZ_load_at, 0xfffffff0u) == WASM_RT_TRAP_OOB,
	      "an atomic load with an offset traps past the end and past 4 GiB");
	check(trap_at(Z_threadsZ_load_at, 2) == WASM_RT_TRAP_OOB &&
	      trap_at(xchg64_at, 4) == WASM_RT_TRAP_OOB &&
	      trap_at(Z_threadsZ_add16_at, 1) == WASM_RT_TRAP_OOB,
	      "misaligned atomic accesses trap");
	check(trap_at(Z_threadsZ_notify_at, 1) == WASM_RT_TRAP_OOB &&
	      trap_at(Z_threadsZ_notify_at, end - 16) == WASM_RT_TRAP_OOB &&
	      trap_at(Z_threadsZ_wait_at, 0xfffffff0u) == WASM_RT_TRAP_OOB &&
	      trap_at(Z_threadsZ_wait_at, 2) == WASM_RT_TRAP_OOB,
	      "notify and wait trap misaligned and out of bounds");
}

/* FNV-1a over 64-bit words in four lanes (wl_program_hash in user.c). */
static uint64_t hash(const uint8_t *p, size_t n)
{
	uint64_t lane[4], h, w;
	size_t i;
	int k;

	for (k = 0; k < 4; k++)
		lane[k] = (0xcbf29ce484222325ull ^ n) + k;
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		lane[i / 8 % 4] = (lane[i / 8 % 4] ^ w) * 0x100000001b3ull;
	}
	h = lane[0];
	for (k = 1; k < 4; k++)
		h = (h ^ lane[k]) * 0x100000001b3ull;
	w = 0;
	memcpy(&w, p + i, n - i);
	return (h ^ w) * 0x100000001b3ull;
}

/* The glue describes the module the kernel hands over, not the rewrite. */
static void test_glue(const char *path)
{
	static uint8_t module[1 << 20];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(module, 1, sizeof(module), f) : 0;

	if (f)
		fclose(f);
	check(n && wl_program_threads.size == n &&
	      wl_program_threads.hash == hash(module, n),
	      "the program is found by the hash and size of its module as built");
	check(wl_program_threads.null_guard == 65536,
	      "a program whose data is all passive keeps its NULL guard "
	      "(null_guard %u)", wl_program_threads.null_guard);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: harness THREADS.wasm\n");
		return 2;
	}
	test_glue(argv[1]);
	test_ops();
	test_threads();
	test_waits();
	test_traps();
	printf("done\n");
	return failures != 0;
}
