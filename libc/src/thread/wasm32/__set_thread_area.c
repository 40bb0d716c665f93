#include "pthread_impl.h"

/* The thread pointer (pthread_arch.h), in the calling thread's TLS
 * block, which must be set up before this. */
hidden _Thread_local uintptr_t __wasm_thread_pointer;

int __set_thread_area(void *p)
{
	__wasm_thread_pointer = (uintptr_t)p;
	return 0;
}
