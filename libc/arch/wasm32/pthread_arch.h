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

/*
 * No program counter.  musl's cancellation handler reads this as one,
 * which is never inside [__cp_begin, __cp_end): that range is empty, as
 * the kernel acts on a cancellation at the system call instead
 * (src/thread/wasm32/syscall_cp.c).  For an asynchronous cancellation
 * the handler stores __cp_cancel here, and __wasm_signal goes there.
 */
#define MC_PC regs.ret
