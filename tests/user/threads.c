/*
 * A user program with threads, without a libc (built with -matomics
 * -mbulk-memory, linked --shared-memory): clone with CLONE_VM and a stack
 * runs __wasm_thread_start(stack) on a thread of its own, in an instance
 * of its own over this memory (user_abi.h).  Its atomics run as calls of
 * the native runtime's helpers (tools/wasm-atomics.py, runtime/atomics.c).
 *   threads    THREADS threads add to shared counters at once; prints
 *              "threads: N ok" if the atomic totals are exact, and what a
 *              plain counter beside them lost
 */
#include <stdint.h>

#include <asm/unistd_32.h>

#define SEQ		__ATOMIC_SEQ_CST
#define THREADS		4
#define ROUNDS		1000000u
#define STACK		16384
#define CLONE_THREAD_FLAGS	0x50f00	/* VM FS FILES SIGHAND THREAD SYSVSEM */

#include "raw-out.h"

void __wasm_init_tls(void *block);

static _Alignas(16) uint8_t stacks[THREADS][STACK];
static _Alignas(16) uint8_t tls[THREADS][256];
static _Thread_local uint32_t mine;
static uint32_t counter, lock, started, done;
static volatile uint32_t guarded, racy;
static uint32_t seen[THREADS];

static void add(uint32_t id)
{
	mine = id + 1;
	__atomic_fetch_add(&started, 1, SEQ);
	/* all at once, as far as the host lets them */
	while (__atomic_load_n(&started, SEQ) < THREADS)
		;
	for (uint32_t i = 0; i < ROUNDS; i++) {
		uint32_t free = 0;

		__atomic_fetch_add(&counter, 1, SEQ);
		while (!__atomic_compare_exchange_n(&lock, &free, 1, 0, SEQ, SEQ))
			free = 0;
		guarded = guarded + 1;
		__atomic_store_n(&lock, 0, SEQ);
		racy = racy + 1;
	}
	seen[id] = mine;
}

__attribute__((export_name("__wasm_thread_start")))
void thread_start(uint32_t stack)
{
	uint32_t id = (stack - (uint32_t)(uintptr_t)stacks) / STACK - 1;

	__asm__ volatile(".globaltype __stack_pointer, i32\n\t"
			 "local.get %0\n\tglobal.set __stack_pointer" :: "r"(stack));
	__wasm_init_tls(tls[id]);
	add(id);
	__atomic_fetch_add(&done, 1, SEQ);
	__builtin_wasm_memory_atomic_notify((int *)&done, 1);
}

__attribute__((export_name("__wasm_signal")))
void wasm_signal(void (*handler)(int), int sig, int flags)
{
	(void)flags;
	handler(sig);
}

__attribute__((export_name("_start")))
void start(long *args)
{
	uint32_t n, total = THREADS * ROUNDS, ok;

	(void)args;
	if (__builtin_wasm_tls_size() > sizeof(tls[0])) {
		out("threads: TLS too large\n");
		sys(__NR_exit_group, 1, 0, 0, 0, 0, 0);
	}
	mine = 99;
	for (uint32_t i = 0; i < THREADS; i++) {
		/* the stack grows down from the end of the thread's own */
		long tid = sys(__NR_clone, CLONE_THREAD_FLAGS,
			       (long)(uintptr_t)stacks[i + 1], 0, 0, 0, 0);

		if (tid < 0) {
			out("threads: clone failed\n");
			sys(__NR_exit_group, 1, 0, 0, 0, 0, 0);
		}
	}
	while ((n = __atomic_load_n(&done, SEQ)) < THREADS)
		__builtin_wasm_memory_atomic_wait32((int *)&done, (int)n, -1);
	ok = counter == total && guarded == total && mine == 99;
	for (uint32_t i = 0; i < THREADS; i++)
		ok &= seen[i] == i + 1;
	out("threads: ");
	out_num(THREADS);
	out(ok ? " ok" : " FAIL");
	out(", counter ");
	out_num(counter);
	out(", guarded ");
	out_num(guarded);
	out(", a plain counter lost ");
	out_num(total - racy);
	out("\n");
	sys(__NR_exit_group, !ok, 0, 0, 0, 0, 0);
}
