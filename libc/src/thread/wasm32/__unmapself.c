#include "pthread_impl.h"
#include "syscall.h"

/*
 * A detached thread freeing its own stack.  Our munmap makes no system
 * call: it gives the pages back to the library's list, where another
 * thread may take and clear them at once.  Nothing after it touches
 * this thread's memory: the exit takes its arguments in wasm locals (a
 * thread's stack in memory holds only what C code takes the address
 * of), and pthread_exit blocked every signal, so that no handler can
 * run here.  The kernel clears the child tid word, which pthread_create
 * put outside the mapping (__thread_list_lock).
 */
void __unmapself(void *base, size_t size)
{
	__syscall(SYS_munmap, base, size);
	for (;;) __syscall(SYS_exit, 0);
}
