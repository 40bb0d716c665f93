/*
 * No atomics: wasm2c 1.0.32 refuses the threads proposal, and a process
 * runs one thread, so plain loads and stores suffice.  Signal handlers run
 * only when a system call returns (__wasm_signal), never in the middle of
 * these sequences.
 */
#define a_cas a_cas
static inline int a_cas(volatile int *p, int t, int s)
{
	int old = *p;
	if (old == t) *p = s;
	return old;
}

#define a_swap a_swap
static inline int a_swap(volatile int *p, int v)
{
	int old = *p;
	*p = v;
	return old;
}

#define a_fetch_add a_fetch_add
static inline int a_fetch_add(volatile int *p, int v)
{
	int old = *p;
	*p = old + v;
	return old;
}

#define a_barrier a_barrier
static inline void a_barrier()
{
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
}

#define a_crash a_crash
static inline void a_crash()
{
	__builtin_trap();
}

#define a_ctz_32 a_ctz_32
static inline int a_ctz_32(unsigned long x)
{
	return __builtin_ctzl(x);
}

#define a_clz_32 a_clz_32
static inline int a_clz_32(unsigned long x)
{
	return __builtin_clzl(x);
}
