/*
 * A user program with atomic instructions, without a libc: what the
 * native runtime translates with tools/wasm-atomics.py and runs with
 * runtime/atomics.c.  It is linked without --shared-memory (and bulk
 * memory), so its data is active and it has no start function; its
 * memory is not shared, where a wait traps.
 *   atomics        checks the atomics' results, prints "atomics: N ok"
 *   atomics trap   a misaligned atomic load (the program is killed)
 *   atomics wait   a wait (the program is killed)
 */
#include <stdint.h>

#include <asm/unistd_32.h>

#define SEQ	__ATOMIC_SEQ_CST

#include "raw-out.h"

static const char *greeting = "hello";
static uint32_t word = 40;
static uint64_t wide = 0xffffffffull;
static uint8_t byte = 250;
static uint32_t flag;
static int checks, failed;

static void check(int good, const char *what)
{
	checks++;
	if (!good) {
		failed++;
		out("atomics: FAIL ");
		out(what);
		out("\n");
	}
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
	char **argv = (char **)(args + 1);
	const char *cmd = args[0] > 1 ? argv[1] : "";
	uint32_t old = 41;

	if (cmd[0] == 't') {
		/* 2 bytes into a word: an atomic access there traps */
		out("before\n");
		out_num(__atomic_load_n((uint32_t *)((char *)&wide + 2), SEQ));
		out("after\n");
		sys(__NR_exit_group, 1, 0, 0, 0, 0, 0);
	}
	if (cmd[0] == 'w') {
		out("before\n");
		out_num(__builtin_wasm_memory_atomic_wait32((int *)&flag, 0, 0));
		out("after\n");
		sys(__NR_exit_group, 1, 0, 0, 0, 0, 0);
	}
	check(greeting[0] == 'h' && word == 40, "data");
	check(__atomic_fetch_add(&word, 2, SEQ) == 40 && word == 42, "fetch_add");
	check(!__atomic_compare_exchange_n(&word, &old, 7, 0, SEQ, SEQ) &&
	      old == 42, "a failing compare-exchange");
	check(__atomic_compare_exchange_n(&word, &old, 7, 0, SEQ, SEQ) &&
	      __atomic_load_n(&word, SEQ) == 7, "compare-exchange");
	check(__atomic_add_fetch(&wide, 1, SEQ) == 0x100000000ull, "64-bit add");
	check(__atomic_add_fetch(&byte, 10, SEQ) == 4, "8-bit add wraps");
	__atomic_thread_fence(SEQ);
	check(__builtin_wasm_memory_atomic_notify((int *)&flag, 1) == 0,
	      "notify without waiters");
	out("atomics: ");
	out_num(checks - failed);
	out(failed ? " ok, some failed\n" : " ok\n");
	sys(__NR_exit_group, failed != 0, 0, 0, 0, 0, 0);
}
