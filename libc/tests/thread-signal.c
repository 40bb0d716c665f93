/*
 * Signals and threads: a handler runs on the thread that pthread_kill
 * named; a signal to the process goes to the one thread that does not
 * block it; one sent to a thread that blocks it waits, pending on that
 * thread alone, until the thread unblocks it.  The handler notes
 * gettid() of the thread it runs on.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile pid_t handled_by;
static volatile int handled;
static volatile pid_t tid_a, tid_b;
static volatile int stage;

static void on_usr1(int sig)
{
	handled_by = gettid();
	handled++;
}

static void nap(void)
{
	nanosleep(&(struct timespec){ .tv_nsec = 1000000 }, 0);
}

/* Waits (making system calls, at whose return signals come) for *p to
 * reach v; 0 after 10 s. */
static int wait_for(volatile int *p, int v)
{
	for (int i = 0; i < 10000; i++) {
		if (*p >= v) return 1;
		nap();
	}
	return 0;
}

static void *thread_a(void *arg)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &set, 0);
	tid_a = gettid();
	wait_for(&stage, 3);
	return arg;
}

static void *thread_b(void *arg)
{
	sigset_t set;
	int pending_here;

	tid_b = gettid();
	wait_for(&stage, 2);
	sigpending(&set);
	pending_here = sigismember(&set, SIGUSR1);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &set, 0);
	return (void *)(long)pending_here;
}

int main(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	pthread_t a, b;
	sigset_t set;
	void *pending_on_b;
	int fail = 0;

	sigaction(SIGUSR1, &sa, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, 0);
	if (pthread_create(&a, 0, thread_a, 0) || pthread_create(&b, 0, thread_b, 0)) {
		printf("FAIL thread-signal: pthread_create\n");
		return 1;
	}
	while (!tid_a || !tid_b) nap();

	pthread_kill(a, SIGUSR1);
	if (!wait_for(&handled, 1) || handled_by != tid_a) {
		printf("FAIL thread-signal: pthread_kill: the handler ran on %d, not %d\n",
			(int)handled_by, (int)tid_a);
		fail = 1;
	}
	handled_by = 0;
	kill(getpid(), SIGUSR1);
	if (!wait_for(&handled, 2) || handled_by != tid_a) {
		printf("FAIL thread-signal: kill of the process: the handler ran on %d, not %d\n",
			(int)handled_by, (int)tid_a);
		fail = 1;
	}
	handled_by = 0;
	pthread_kill(b, SIGUSR1);
	nap();
	if (handled != 2) {
		printf("FAIL thread-signal: a handler ran for a signal its thread blocks\n");
		fail = 1;
	}
	stage = 2;
	pthread_join(b, &pending_on_b);
	if (!pending_on_b || handled != 3 || handled_by != tid_b) {
		printf("FAIL thread-signal: blocked signal: pending on its thread %d, "
			"then handled on %d, not %d\n",
			(int)(long)pending_on_b, (int)handled_by, (int)tid_b);
		fail = 1;
	}
	stage = 3;
	pthread_join(a, 0);
	sigpending(&set);
	if (sigismember(&set, SIGUSR1)) {
		printf("FAIL thread-signal: SIGUSR1 pending on the main thread\n");
		fail = 1;
	}
	if (fail) return 1;
	printf("PASS thread-signal: handlers ran on the threads the signals were for\n");
	return 0;
}
