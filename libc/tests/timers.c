/*
 * The kernel's timers as programs see them: a socket's receive timeout
 * (the timer wheel, which the tick runs) ends a recv with EAGAIN, and
 * an ITIMER_VIRTUAL fires in a loop that makes system calls (the ticks
 * charge user time to the current task).  Each case says PASS or FAIL;
 * the program exits 0 only if both passed.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t fired;
static int failed;

static void verdict(int ok, const char *what)
{
	printf("%s timers: %s\n", ok ? "PASS" : "FAIL", what);
	if (!ok) failed = 1;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static void on_vtalrm(int sig)
{
	fired = sig;
}

int main(void)
{
	struct timeval tv = { .tv_usec = 200000 };
	struct itimerval it = { .it_value.tv_usec = 100000 };
	int sv[2];
	char c;
	double t0, took;
	ssize_t r;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) ||
	    setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv)) {
		verdict(0, "socketpair and SO_RCVTIMEO");
		return 1;
	}
	t0 = now();
	r = recv(sv[0], &c, 1, 0);
	took = now() - t0;
	verdict(r == -1 && errno == EAGAIN && took >= 0.15 && took < 10,
		"a recv with a 200 ms SO_RCVTIMEO ends with EAGAIN after it");

	signal(SIGVTALRM, on_vtalrm);
	setitimer(ITIMER_VIRTUAL, &it, 0);
	t0 = now();
	while (!fired && now() - t0 < 10)
		getppid();
	verdict(fired == SIGVTALRM,
		"a 100 ms ITIMER_VIRTUAL fires in a loop of system calls");
	return failed;
}
