/*
 * setjmp/longjmp, the same source on the host's Linux and inside
 * WasmLinux (bench/sjlj-bench.sh): the cost of a call made by a function
 * that called setjmp (in WasmLinux an invoke through the host, user_abi.h)
 * against the same call from a function that did not, and a setjmp +
 * longjmp round trip.  Prints "NAME VALUE" lines (nanoseconds).
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

__attribute__((noinline)) static int leaf(int x)
{
	__asm__ volatile("" : "+r"(x));
	return x + 1;
}

__attribute__((noinline)) static int plain(int n)
{
	volatile int s = 0;

	for (int i = 0; i < n; i++)
		s = leaf(s);
	return s;
}

__attribute__((noinline)) static int with_setjmp(int n)
{
	jmp_buf jb;
	volatile int s = 0;

	if (setjmp(jb))
		return -1;
	for (int i = 0; i < n; i++)
		s = leaf(s);
	return s;
}

static jmp_buf round;

__attribute__((noinline)) static void jump(void)
{
	longjmp(round, 1);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 10000000;
	double t0, t1, t2;
	volatile int i;

	t0 = now();
	if (plain(n) != n)
		return 1;
	t1 = now();
	if (with_setjmp(n) != n)
		return 1;
	t2 = now();
	printf("call_ns %.2f\n", (t1 - t0) * 1e9 / n);
	printf("call_in_setjmp_function_ns %.2f\n", (t2 - t1) * 1e9 / n);
	t0 = now();
	for (i = 0; i < n / 10; i++)
		if (!setjmp(round))
			jump();
	t1 = now();
	printf("setjmp_longjmp_ns %.2f\n", (t1 - t0) * 1e9 / (n / 10));
	return 0;
}
