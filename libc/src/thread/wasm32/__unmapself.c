#include "pthread_impl.h"
#include "syscall.h"

/* Our munmap only returns the pages to the library's free list and makes
 * no system call, so the exiting thread may still run on them. */
void __unmapself(void *base, size_t size)
{
	__syscall(SYS_munmap, base, size);
	for (;;) __syscall(SYS_exit, 0);
}
