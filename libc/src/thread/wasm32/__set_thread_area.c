#include "pthread_impl.h"

/*
 * The thread pointer (pthread_arch.h).  One variable serves because a
 * process has a single thread for now; CLONE_THREAD is refused.
 */
hidden uintptr_t __wasm_thread_pointer;

int __set_thread_area(void *p)
{
	__wasm_thread_pointer = (uintptr_t)p;
	return 0;
}
