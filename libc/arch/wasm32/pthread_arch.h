/*
 * The thread pointer is a thread-local: each thread runs its own instance
 * of the program, whose __tls_base global points at that thread's block
 * (src/env/wasm32/__init_tls.c).  A static variable would be shared by
 * the threads, as they share the memory.
 */
extern hidden _Thread_local uintptr_t __wasm_thread_pointer;

static inline uintptr_t __get_tp()
{
	return __wasm_thread_pointer;
}

/* No program counter: cancellation is seen at the next cancellation
 * point's check rather than by moving the interrupted pc. */
#define MC_PC regs.ret
