/* setjmp/longjmp, _setjmp/_longjmp, sigsetjmp/siglongjmp, signal handlers. */
#define _GNU_SOURCE
#include <stdio.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static int fails;
#define CHECK(c) do { if (!(c)) { printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

static jmp_buf jb;
static sigjmp_buf sjb;
static int depth;

static void deep(int n, int val)
{
	char pad[64];
	memset(pad, n, sizeof pad);
	if (n) deep(n - 1, val);
	depth = pad[0] + 100;
	longjmp(jb, val);
}

static void do_longjmp(jmp_buf b, int v) { _longjmp(b, v); }

static int nested(void)
{
	jmp_buf inner;
	volatile int step = 0;
	if (setjmp(inner) == 0) {
		step = 1;
		do_longjmp(inner, 5);
	}
	return step == 1 ? 5 : -1;
}

static int got1, got3, info_sig;
static void h1(int sig) { got1 = sig; }
static void h3(int sig, siginfo_t *si, void *uc)
{
	got3 = sig;
	info_sig = si->si_signo;
	(void)uc;
}
static void hjump(int sig) { siglongjmp(sjb, sig); }

static sigset_t current(void)
{
	sigset_t s;
	sigprocmask(SIG_BLOCK, 0, &s);
	return s;
}

int main(void)
{
	volatile int count = 0;
	int r = setjmp(jb);
	if (r < 3) {
		count++;
		deep(10, r + 1);
	}
	CHECK(r == 3 && count == 3 && depth == 100);

	CHECK(nested() == 5);

	/* longjmp(jb, 0) returns 1 */
	if ((r = _setjmp(jb)) == 0) longjmp(jb, 0);
	CHECK(r == 1);

	/* sigsetjmp with a saved mask restores it on siglongjmp */
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR2);
	sigprocmask(SIG_SETMASK, &s, 0);
	if ((r = sigsetjmp(sjb, 1)) == 0) {
		sigaddset(&s, SIGHUP);
		sigprocmask(SIG_SETMASK, &s, 0);
		CHECK(sigismember(&(sigset_t){0}, SIGHUP) == 0);
		siglongjmp(sjb, 7);
	}
	s = current();
	CHECK(r == 7 && sigismember(&s, SIGUSR2) && !sigismember(&s, SIGHUP));

	/* without save, the mask stays */
	if ((r = sigsetjmp(sjb, 0)) == 0) {
		sigaddset(&s, SIGHUP);
		sigprocmask(SIG_SETMASK, &s, 0);
		siglongjmp(sjb, 8);
	}
	s = current();
	CHECK(r == 8 && sigismember(&s, SIGHUP));
	sigemptyset(&s);
	sigprocmask(SIG_SETMASK, &s, 0);

	/* handlers at their own signatures */
	signal(SIGUSR1, h1);
	raise(SIGUSR1);
	CHECK(got1 == SIGUSR1);
	struct sigaction sa = { .sa_sigaction = h3, .sa_flags = SA_SIGINFO };
	sigaction(SIGUSR2, &sa, 0);
	raise(SIGUSR2);
	CHECK(got3 == SIGUSR2 && info_sig == SIGUSR2);

	/* leaving a handler with siglongjmp restores the mask */
	signal(SIGHUP, hjump);
	if ((r = sigsetjmp(sjb, 1)) == 0) {
		raise(SIGHUP);
		CHECK(!"not reached");
	}
	s = current();
	CHECK(r == SIGHUP && !sigismember(&s, SIGHUP));

	printf("setjmp: %s (%d failures)\n", fails ? "FAIL" : "PASS", fails);
	return fails != 0;
}
