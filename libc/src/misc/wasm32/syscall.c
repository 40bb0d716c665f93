#define _BSD_SOURCE
#include <unistd.h>
#include "syscall.h"
#include <stdarg.h>

#undef syscall

/* As musl's, and a fork by its computed number (syscall_arch.h). */
long syscall(long n, ...)
{
	va_list ap;
	syscall_arg_t a,b,c,d,e,f;
	va_start(ap, n);
	a=va_arg(ap, syscall_arg_t);
	b=va_arg(ap, syscall_arg_t);
	c=va_arg(ap, syscall_arg_t);
	d=va_arg(ap, syscall_arg_t);
	e=va_arg(ap, syscall_arg_t);
	f=va_arg(ap, syscall_arg_t);
	va_end(ap);
	if (__WASM_IS_FORK(n, a))
		return __syscall_ret(__wasm_fork_syscall(n,a,b,c,d,e));
	return __syscall_ret(__syscall(n,a,b,c,d,e,f));
}
