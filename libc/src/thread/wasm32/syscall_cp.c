#include "pthread_impl.h"
#include "syscall.h"

/*
 * Without a program counter, a cancellation signal cannot tell whether it
 * interrupted the system call below; the range markers are empty, so it
 * is acted on at the next check of the flag, here.
 */
hidden const char __cp_begin[1];
weak_alias(__cp_begin, __cp_end);
weak_alias(__cp_begin, __cp_cancel);
hidden long __cancel();

hidden long __syscall_cp_asm(volatile void *cancel, syscall_arg_t nr,
                             syscall_arg_t u, syscall_arg_t v, syscall_arg_t w,
                             syscall_arg_t x, syscall_arg_t y, syscall_arg_t z)
{
	if (*(volatile int *)cancel) return __cancel();
	return __syscall(nr, u, v, w, x, y, z);
}
