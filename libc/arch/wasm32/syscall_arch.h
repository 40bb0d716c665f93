/*
 * System calls go through the program's single import, linux.syscall
 * (user_abi.h): number and six 32-bit words, result or -errno.  64-bit
 * arguments take two consecutive words, low first, with no padding.
 */
#define __SYSCALL_LL_E(x) \
	((long)(unsigned long long)(x)), \
	((long)((unsigned long long)(x) >> 32))
#define __SYSCALL_LL_O(x) __SYSCALL_LL_E((x))

/* asm-generic IPC: the kernel always uses the 64-bit structures. */
#define IPC_64 0

long __wasm_linux_syscall(long, long, long, long, long, long, long)
	__attribute__((__import_module__("linux"), __import_name__("syscall")));

/*
 * The kernel never allocates user memory (it cannot reach the program's
 * linear memory to map into it), so these calls are served in the
 * library over memory.grow: see src/mman/wasm32/__wasm_mm.c.
 */
#define __WASM_MM_SYSCALL(n) ((n) == SYS_brk || (n) == SYS_mmap2 \
	|| (n) == SYS_munmap || (n) == SYS_mremap || (n) == SYS_madvise \
	|| (n) == SYS_mprotect || (n) == SYS_msync || (n) == SYS_mlock \
	|| (n) == SYS_munlock || (n) == SYS_mlockall || (n) == SYS_munlockall \
	|| (n) == SYS_mincore)
hidden long __wasm_mm_syscall(long, long, long, long, long, long, long);

/*
 * The kernel has no wait4 without the time32 ABI; the library emulates
 * it with waitid under a number no real call uses.
 */
#define SYS_wait4 (-260)
hidden long __wasm_wait4(long, long, long, long, volatile int *);

/*
 * Fallbacks for time32 kernels in musl's time64 code are dead here
 * (SYS_clock_gettime is SYS_clock_gettime64) but must compile; these
 * calls do not exist in this kernel, and -1 is no call at all.
 */
#define SYS_gettimeofday_time32 (-1)
#define SYS_nanosleep (-1)

/*
 * In a vfork child (user_abi.h), a successful execve or execveat and
 * every exit return the child's pid: the library then unwinds to the
 * vfork point, where the caller goes on as the parent.
 */
#define __WASM_VFORK_END(n) ((n) == SYS_execve || (n) == SYS_execveat \
	|| (n) == SYS_exit || (n) == SYS_exit_group)
hidden _Noreturn void __wasm_vfork_leave(long);

/*
 * clone without CLONE_VM (0x100) is a fork, which goes through the fork
 * import (user_abi.h): the host has to unwind the thread's call stack.
 * So does every clone3 (which makes no threads here: their stack would
 * not be the libc's).  Only a call whose number is a constant is looked
 * at: one with a computed number (setuid's broadcast to the threads,
 * the cancellation point's wrapper) would otherwise link fork into every
 * program, which Asyncify then instruments (Lua ran 35% slower for it,
 * and never forks); syscall() looks for itself
 * (src/misc/wasm32/syscall.c).  __builtin_constant_p sees the number
 * once __syscall6 is inlined: hence always_inline, and optimisation.
 */
#ifndef __OPTIMIZE__
#error "the library is built optimised: __syscall6 finds forks by constant numbers"
#endif
#define __WASM_IS_FORK(n, a) \
	(((n) == SYS_clone && !((a) & 0x100)) || (n) == SYS_clone3)
hidden long __wasm_fork(long, long, long, long, long);
hidden long __wasm_clone3(long, long);

static inline long __wasm_fork_syscall(long n, long a, long b, long c, long d, long e)
{
	return n == SYS_clone3 ? __wasm_clone3(a, b) : __wasm_fork(a, b, c, d, e);
}

static inline __attribute__((__always_inline__))
long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	long r;
	if (__builtin_constant_p(n) && __WASM_IS_FORK(n, a))
		return __wasm_fork_syscall(n, a, b, c, d, e);
	if (__WASM_MM_SYSCALL(n))
		return __wasm_mm_syscall(n, a, b, c, d, e, f);
	if (n == SYS_wait4)
		return __wasm_wait4(a, b, c, d, 0);
	r = __wasm_linux_syscall(n, a, b, c, d, e, f);
	if (r > 0 && __WASM_VFORK_END(n))
		__wasm_vfork_leave(r);
	return r;
}

static inline __attribute__((__always_inline__))
long __syscall0(long n)
{
	return __syscall6(n, 0, 0, 0, 0, 0, 0);
}

static inline __attribute__((__always_inline__))
long __syscall1(long n, long a)
{
	return __syscall6(n, a, 0, 0, 0, 0, 0);
}

static inline __attribute__((__always_inline__))
long __syscall2(long n, long a, long b)
{
	return __syscall6(n, a, b, 0, 0, 0, 0);
}

static inline __attribute__((__always_inline__))
long __syscall3(long n, long a, long b, long c)
{
	return __syscall6(n, a, b, c, 0, 0, 0);
}

static inline __attribute__((__always_inline__))
long __syscall4(long n, long a, long b, long c, long d)
{
	return __syscall6(n, a, b, c, d, 0, 0);
}

static inline __attribute__((__always_inline__))
long __syscall5(long n, long a, long b, long c, long d, long e)
{
	return __syscall6(n, a, b, c, d, e, 0);
}
