/*
 * Futexes name a word of one process's memory.  Each process has a wasm
 * memory of its own, so the same address in two processes (a forked
 * child's copy of a global) is two futexes: a wake in one process finds
 * no waiter of the other, private (FUTEX_PRIVATE_FLAG) or not.  And a
 * waiter of the process itself is woken.  Says PASS or FAIL per case on
 * a line of its own; exits 0 only if all passed.
 */
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int failed;
static volatile int word;

static void verdict(int ok, const char *what)
{
	printf("%s thread-futex: %s\n", ok ? "PASS" : "FAIL", what);
	if (!ok)
		failed = 1;
}

static long futex(int op, int val, const struct timespec *to)
{
	return syscall(SYS_futex, &word, op, val, to, 0, 0);
}

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, 0);
}

static void *waiter(void *arg)
{
	struct timespec to = { 5, 0 };

	return (void *)futex(FUTEX_WAIT | (int)(long)arg, 0, &to);
}

/* A thread of this process waits; a wake finds it (within 5 s). */
static void same_process(int priv, const char *what)
{
	pthread_t t;
	void *r;
	long woken = 0;

	if (pthread_create(&t, 0, waiter, (void *)(long)priv)) {
		verdict(0, what);
		return;
	}
	for (int i = 0; i < 250 && woken == 0; i++) {
		pause_ms(20);
		woken = futex(FUTEX_WAKE | priv, 1, 0);
	}
	pthread_join(t, &r);
	verdict(woken == 1 && r == 0, what);
}

/*
 * A forked child waits on its copy of word for 1.5 s; the parent wakes
 * its own word for 0.7 s meanwhile.  No wake may find the child's
 * waiter, whose wait must time out.
 */
static void other_process(int priv, const char *what)
{
	int p[2], st;
	long woken = 0;
	char c;
	pid_t pid;

	if (pipe(p)) {
		verdict(0, what);
		return;
	}
	pid = fork();
	if (pid == 0) {
		struct timespec to = { 1, 500000000 };
		long r;

		close(p[0]);
		write(p[1], "r", 1);
		r = futex(FUTEX_WAIT | priv, 0, &to);
		_exit(r == -1 && errno == ETIMEDOUT ? 0 : 1);
	}
	close(p[1]);
	if (pid < 0 || read(p[0], &c, 1) != 1) {
		verdict(0, what);
		return;
	}
	close(p[0]);
	for (int i = 0; i < 35; i++) {
		pause_ms(20);
		woken += futex(FUTEX_WAKE | priv, 1, 0);
	}
	if (waitpid(pid, &st, 0) != pid)
		st = -1;
	if (woken)
		printf("  (the parent's wakes woke %ld waiter(s))\n", woken);
	verdict(woken == 0 && st == 0, what);
}

int main(void)
{
	same_process(FUTEX_PRIVATE_FLAG, "a thread's private wait is woken by its process");
	same_process(0, "a thread's shared wait is woken by its process");
	other_process(FUTEX_PRIVATE_FLAG, "a private wake does not reach another process's word at the same address");
	other_process(0, "a shared wake does not reach another process's word at the same address");
	return failed;
}
