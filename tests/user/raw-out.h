/*
 * What the libc-free test programs (raw.c, atomics.c, threads.c) share:
 * the one import of <asm/user_abi.h>, and writing to standard output.
 */
#include <asm/unistd_32.h>

__attribute__((import_module("linux"), import_name("syscall")))
long sys(long nr, long a, long b, long c, long d, long e, long f);

static void out(const char *s)
{
	long n = 0;

	while (s[n])
		n++;
	sys(__NR_write, 1, (long)s, n, 0, 0, 0);
}

static void out_num(unsigned long v)
{
	char buf[24], *p = buf + sizeof(buf) - 1;

	*p = 0;
	do
		*--p = '0' + v % 10;
	while (v /= 10);
	out(p);
}
