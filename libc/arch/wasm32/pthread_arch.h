/*
 * The thread pointer is a plain variable: a process has a single thread
 * for now (clone for threads returns ENOSYS and pthread_create EAGAIN).
 * Threads sharing the memory will need a per-thread global instead.
 */
extern hidden uintptr_t __wasm_thread_pointer;

static inline uintptr_t __get_tp()
{
	return __wasm_thread_pointer;
}

/* No program counter: cancellation is seen at the next cancellation
 * point's check rather than by moving the interrupted pc. */
#define MC_PC regs.ret
