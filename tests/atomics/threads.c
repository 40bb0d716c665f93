/*
 * A freestanding module for tests/boot/atomics.sh, built with -matomics
 * -mbulk-memory for a shared memory: wasm-ld gives it __wasm_init_memory
 * as its start function and thread-local storage.  harness.c runs its
 * exports on several host threads at once, an instance each, over one
 * memory.  No export uses the shadow stack, which the instances share.
 */
#include <stdint.h>

#define EXPORT(name)	__attribute__((export_name(#name))) name
#define SEQ		__ATOMIC_SEQ_CST

void __wasm_init_tls(void *block);

static uint32_t magic = 0x5eed1e55;	/* data: written once, by the start */
static uint32_t counter;
static uint32_t lock;
static volatile uint32_t guarded;	/* only under lock */
static volatile uint32_t racy;		/* no lock at all */
static uint64_t wide, chain;
static uint8_t bytes[8], flips[8];
static uint16_t halves[4];
static uint32_t flag;
static uint64_t flag64;
static _Thread_local uint32_t mine = 7;
static _Alignas(16) uint8_t tls_blocks[16][64];

/* The entry points of a program, which the glue expects, unused. */
void EXPORT(_start)(uint32_t args)
{
	(void)args;
}

void EXPORT(__wasm_signal)(uint32_t handler, uint32_t sig, uint32_t flags)
{
	(void)handler, (void)sig, (void)flags;
}

/* Thread-local storage of instance i (harness.c calls it first). */
void EXPORT(thread_init)(uint32_t i)
{
	__wasm_init_tls(tls_blocks[i]);
}

uint32_t EXPORT(tls_fits)(void)
{
	return __builtin_wasm_tls_size() <= sizeof(tls_blocks[0]) &&
	       __builtin_wasm_tls_align() <= 16;
}

uint32_t EXPORT(get_magic)(void)
{
	return magic;
}

uint32_t EXPORT(tls_get)(void)
{
	return mine;
}

void EXPORT(tls_set)(uint32_t v)
{
	mine = v;
}

uint32_t EXPORT(tls_addr)(void)
{
	return (uint32_t)(uintptr_t)&mine;
}

void EXPORT(add)(uint32_t n)
{
	while (n--)
		__atomic_fetch_add(&counter, 1, SEQ);
}

uint32_t EXPORT(get_counter)(void)
{
	return __atomic_load_n(&counter, SEQ);
}

/* A spin lock of compare-exchanges around a plain increment. */
void EXPORT(locked)(uint32_t n)
{
	while (n--) {
		uint32_t free = 0;

		while (!__atomic_compare_exchange_n(&lock, &free, 1, 0, SEQ, SEQ))
			free = 0;
		guarded = guarded + 1;
		__atomic_store_n(&lock, 0, SEQ);
	}
}

uint32_t EXPORT(get_guarded)(void)
{
	return guarded;
}

/* The same increment without the lock: updates are lost under contention. */
void EXPORT(unlocked)(uint32_t n)
{
	while (n--)
		racy = racy + 1;
}

uint32_t EXPORT(get_racy)(void)
{
	return racy;
}

void EXPORT(reset_racy)(void)
{
	racy = 0;
}

/* 64 bits: an add that carries across the halves, and a chain of CASes. */
void EXPORT(add64)(uint32_t n)
{
	while (n--)
		__atomic_fetch_add(&wide, 0x100000001ull * 0xffff, SEQ);
}

uint64_t EXPORT(get_wide)(void)
{
	return __atomic_load_n(&wide, SEQ);
}

void EXPORT(cas64)(uint32_t n)
{
	while (n--) {
		uint64_t old = __atomic_load_n(&chain, SEQ);

		while (!__atomic_compare_exchange_n(&chain, &old,
						    old * 6364136223846793005ull + 1,
						    0, SEQ, SEQ))
			;
	}
}

uint64_t EXPORT(get_chain)(void)
{
	return __atomic_load_n(&chain, SEQ);
}

/*
 * Narrow read-modify-writes on neighbours: thread i adds to byte i % 8,
 * subtracts from half i % 4 and flips bit i % 8 of flip (i + 1) % 8.
 */
void EXPORT(narrow)(uint32_t i, uint32_t n)
{
	while (n--) {
		__atomic_fetch_add(&bytes[i % 8], 1, SEQ);
		__atomic_fetch_sub(&halves[i % 4], 3, SEQ);
		__atomic_fetch_xor(&flips[(i + 1) % 8], (uint8_t)(0x80 >> (i % 8)), SEQ);
	}
	__atomic_thread_fence(SEQ);
}

uint32_t EXPORT(get_byte)(uint32_t i)
{
	return __atomic_load_n(&bytes[i], SEQ);
}

uint32_t EXPORT(get_flip)(uint32_t i)
{
	return __atomic_load_n(&flips[i], SEQ);
}

uint32_t EXPORT(get_half)(uint32_t i)
{
	return __atomic_load_n(&halves[i], SEQ);
}

/* Waiting and waking on flag (32 bits) and flag64. */
uint32_t EXPORT(flag_addr)(void)
{
	return (uint32_t)(uintptr_t)&flag;
}

void EXPORT(flag_set)(uint32_t v)
{
	__atomic_store_n(&flag, v, SEQ);
}

void EXPORT(flag64_set)(uint64_t v)
{
	__atomic_store_n(&flag64, v, SEQ);
}

uint32_t EXPORT(wait32)(uint32_t expected, int64_t timeout)
{
	return __builtin_wasm_memory_atomic_wait32((int *)&flag, (int)expected,
						   timeout);
}

uint32_t EXPORT(wait64)(uint64_t expected, int64_t timeout)
{
	return __builtin_wasm_memory_atomic_wait64((long long *)&flag64,
						   (long long)expected, timeout);
}

uint32_t EXPORT(notify)(uint32_t count)
{
	return __builtin_wasm_memory_atomic_notify((int *)&flag, count);
}

uint32_t EXPORT(notify64)(uint32_t count)
{
	return __builtin_wasm_memory_atomic_notify((int *)&flag64, count);
}

/* Accesses 16 bytes past p: the offset is the instruction's. */
uint32_t EXPORT(load_at)(uint32_t *p)
{
	return __atomic_load_n(p + 4, SEQ);
}

uint64_t EXPORT(xchg64_at)(uint64_t *p)
{
	return __atomic_exchange_n(p + 2, 1, SEQ);
}

uint32_t EXPORT(add16_at)(uint16_t *p)
{
	return __atomic_fetch_add(p + 8, 1, SEQ);
}

uint32_t EXPORT(notify_at)(uint32_t *p)
{
	return __builtin_wasm_memory_atomic_notify((int *)(p + 4), 1);
}

uint32_t EXPORT(wait_at)(uint32_t *p)
{
	return __builtin_wasm_memory_atomic_wait32((int *)(p + 4), 0, 0);
}
