/*
 * Signals that come while a program computes without system calls: the
 * host interrupts it between two instructions to run the handler.  Each
 * case says PASS or FAIL; the program exits 0 only if all passed.
 *  - a siglongjmp from a handler leaves a loop in a function that the one
 *    with the sigsetjmp called;
 *  - it leaves a loop of the function with the sigsetjmp itself, a loop
 *    that makes calls (the handler runs at one of them: <asm/user_abi.h>);
 *  - a handler that returns stops a loop of that function that makes no
 *    calls (it runs there after a wait);
 *  - a handler with a large frame leaves intact what a leaf function
 *    keeps below the stack pointer (LLVM's red zone).
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#define ROUNDS 100

static sigjmp_buf jb;
static volatile sig_atomic_t stop, handled;
static volatile unsigned sink;
static int failed;

static void verdict(int ok, const char *what)
{
	printf("%s signal-async: %s\n", ok ? "PASS" : "FAIL", what);
	if (!ok) failed = 1;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* One SIGALRM in usec microseconds. */
static void alarm_in(long usec)
{
	struct itimerval it = { .it_value.tv_usec = usec };

	setitimer(ITIMER_REAL, &it, 0);
}

static void on_alarm_jump(int sig)
{
	(void)sig;
	siglongjmp(jb, 1);
}

static void on_alarm_stop(int sig)
{
	(void)sig;
	stop = 1;
}

/* A large frame, written all through. */
static void on_alarm_big(int sig)
{
	volatile char buf[2048];

	memset((char *)buf, sig, sizeof buf);
	handled++;
}

__attribute__((noinline)) static void spin(void)
{
	for (;;)
		sink++;
}

__attribute__((noinline)) static unsigned step(unsigned n)
{
	return n * 1103515245u + 12345u;
}

/* A leaf function whose array lives in the red zone: 0 if it reads back
 * what it wrote. */
__attribute__((noinline)) static int leaf(unsigned seed)
{
	volatile unsigned a[24];
	int j, k, bad = 0;

	for (j = 0; j < 64; j++) {
		for (k = 0; k < 24; k++)
			a[k] = seed + j + k;
		for (k = 0; k < 24; k++)
			bad |= a[k] != seed + j + k;
	}
	return bad;
}

int main(void)
{
	volatile int jumps = 0, i;
	volatile unsigned n = 1;
	unsigned seed;
	double t0;
	int bad, armed;

	signal(SIGALRM, on_alarm_jump);
	for (i = 0; i < ROUNDS; i++) {
		if (!sigsetjmp(jb, 1)) {
			alarm_in(1000);
			spin();
		}
		jumps++;
	}
	verdict(jumps == ROUNDS, "a siglongjmp from a handler leaves a loop in a "
		"called function, 100 times");

	jumps = 0;
	for (i = 0; i < ROUNDS; i++) {
		if (!sigsetjmp(jb, 1)) {
			alarm_in(1000);
			for (;;)
				n = step(n);
		}
		jumps++;
	}
	verdict(jumps == ROUNDS, "a siglongjmp from a handler leaves a loop of "
		"the function with the sigsetjmp, 100 times");

	signal(SIGALRM, on_alarm_stop);
	t0 = now();
	alarm_in(1000);
	while (!stop)
		sink++;
	verdict(now() - t0 < 5, "a handler stops a loop without calls in the "
		"function with the sigsetjmp");

	signal(SIGALRM, on_alarm_big);
	bad = 0;
	t0 = now();
	armed = -1;
	for (seed = 0; handled < ROUNDS; seed++) {
		if (armed != handled) {
			armed = handled;
			alarm_in(500);
		}
		if (!(seed & 0xffff) && now() - t0 > 30)
			break;
		bad |= leaf(seed);
	}
	verdict(!bad && handled == ROUNDS, "a handler leaves the red zone of a leaf "
		"function intact, 100 times");
	return failed;
}
