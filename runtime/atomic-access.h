/*
 * The atomic accesses of user programs (the wasm threads proposal's
 * loads, stores, read-modify-writes and compare-exchanges), as static
 * inline functions on a program's memory, for both of their users:
 * atomics.c, whose "wl_atomic" imports (tools/wasm-atomics.py) wrap them,
 * and translated programs, which tools/w2c-memory.py makes call them
 * inline instead of the imports.  Installed beside program.h for the
 * translations made on demand.
 *
 * Every operation is sequentially consistent, as the proposal's are.  The
 * effective address is addr + offset in 64 bits: it traps past the
 * memory's current end, not wrapping at 4 GiB.  A misaligned address
 * traps too; wasm-rt 1.0.32 has no trap code for it, so it is an
 * out-of-bounds trap (SIGSEGV in the program).
 */
#ifndef WASMLINUX_ATOMIC_ACCESS_H
#define WASMLINUX_ATOMIC_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "wasm-rt.h"

/*
 * The host address of an access of size bytes at addr + off.  The end is
 * the page count's (size is a byte short at 4 GiB), read once: a thread
 * that grows the memory publishes it after the new pages are accessible
 * (memory.c).
 */
static inline void *wl_atomic_at(wasm_rt_memory_t *mem, uint32_t addr,
				 uint32_t off, unsigned int size)
{
	uint64_t ea = (uint64_t)addr + off;
	uint64_t end = __atomic_load_n(&mem->pages, __ATOMIC_ACQUIRE);

	end *= 65536;
	if (__builtin_expect(ea + size > end || (ea & (size - 1)), 0))
		wasm_rt_trap(WASM_RT_TRAP_OOB);
	return mem->data + ea;
}

/*
 * Every access, for X-macros: LOAD(name, T, M), STORE(name, T, M),
 * RMW(name, op, T, M), CMPXCHG(name, T, M), where name is the import's
 * ("i32_atomic_rmw8_add_u"), T the C type of the value operand and
 * result (uint32_t for i32, uint64_t for i64), M that of the memory.
 * Narrow values are wrapped when stored and zero-extended when loaded.
 */
#define WL_ATOMIC_RMWS(RMW, CMPXCHG, prefix, suffix, T, M)		\
	RMW(prefix##add##suffix, __atomic_fetch_add, T, M)		\
	RMW(prefix##sub##suffix, __atomic_fetch_sub, T, M)		\
	RMW(prefix##and##suffix, __atomic_fetch_and, T, M)		\
	RMW(prefix##or##suffix, __atomic_fetch_or, T, M)		\
	RMW(prefix##xor##suffix, __atomic_fetch_xor, T, M)		\
	RMW(prefix##xchg##suffix, __atomic_exchange_n, T, M)		\
	CMPXCHG(prefix##cmpxchg##suffix, T, M)

#define WL_ATOMIC_ACCESSES(LOAD, STORE, RMW, CMPXCHG)			\
	LOAD(i32_atomic_load, uint32_t, uint32_t)			\
	LOAD(i32_atomic_load8_u, uint32_t, uint8_t)			\
	LOAD(i32_atomic_load16_u, uint32_t, uint16_t)			\
	LOAD(i64_atomic_load, uint64_t, uint64_t)			\
	LOAD(i64_atomic_load8_u, uint64_t, uint8_t)			\
	LOAD(i64_atomic_load16_u, uint64_t, uint16_t)			\
	LOAD(i64_atomic_load32_u, uint64_t, uint32_t)			\
	STORE(i32_atomic_store, uint32_t, uint32_t)			\
	STORE(i32_atomic_store8, uint32_t, uint8_t)			\
	STORE(i32_atomic_store16, uint32_t, uint16_t)			\
	STORE(i64_atomic_store, uint64_t, uint64_t)			\
	STORE(i64_atomic_store8, uint64_t, uint8_t)			\
	STORE(i64_atomic_store16, uint64_t, uint16_t)			\
	STORE(i64_atomic_store32, uint64_t, uint32_t)			\
	WL_ATOMIC_RMWS(RMW, CMPXCHG, i32_atomic_rmw_, , uint32_t, uint32_t) \
	WL_ATOMIC_RMWS(RMW, CMPXCHG, i32_atomic_rmw8_, _u, uint32_t, uint8_t) \
	WL_ATOMIC_RMWS(RMW, CMPXCHG, i32_atomic_rmw16_, _u, uint32_t, uint16_t) \
	WL_ATOMIC_RMWS(RMW, CMPXCHG, i64_atomic_rmw_, , uint64_t, uint64_t) \
	WL_ATOMIC_RMWS(RMW, CMPXCHG, i64_atomic_rmw8_, _u, uint64_t, uint8_t) \
	WL_ATOMIC_RMWS(RMW, CMPXCHG, i64_atomic_rmw16_, _u, uint64_t, uint16_t) \
	WL_ATOMIC_RMWS(RMW, CMPXCHG, i64_atomic_rmw32_, _u, uint64_t, uint32_t)

/* wl_NAME(memory, operands..., offset): the access itself. */
#define WL_ATOMIC_LOAD(name, T, M)					\
static inline T wl_##name(wasm_rt_memory_t *m, uint32_t addr, uint32_t off) \
{									\
	return __atomic_load_n((M *)wl_atomic_at(m, addr, off, sizeof(M)), \
			       __ATOMIC_SEQ_CST);			\
}
#define WL_ATOMIC_STORE(name, T, M)					\
static inline void wl_##name(wasm_rt_memory_t *m, uint32_t addr, T v,	\
			     uint32_t off)				\
{									\
	__atomic_store_n((M *)wl_atomic_at(m, addr, off, sizeof(M)), (M)v, \
			 __ATOMIC_SEQ_CST);				\
}
#define WL_ATOMIC_RMW(name, op, T, M)					\
static inline T wl_##name(wasm_rt_memory_t *m, uint32_t addr, T v,	\
			  uint32_t off)					\
{									\
	return op((M *)wl_atomic_at(m, addr, off, sizeof(M)), (M)v,	\
		  __ATOMIC_SEQ_CST);					\
}
/* The expected value is wrapped to the width too before it is compared. */
#define WL_ATOMIC_CMPXCHG(name, T, M)					\
static inline T wl_##name(wasm_rt_memory_t *m, uint32_t addr,		\
			  T expected, T replacement, uint32_t off)	\
{									\
	M old = (M)expected;						\
									\
	__atomic_compare_exchange_n((M *)wl_atomic_at(m, addr, off, sizeof(M)), \
				    &old, (M)replacement, false,	\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
	return old;							\
}
WL_ATOMIC_ACCESSES(WL_ATOMIC_LOAD, WL_ATOMIC_STORE, WL_ATOMIC_RMW,
		   WL_ATOMIC_CMPXCHG)

#endif
