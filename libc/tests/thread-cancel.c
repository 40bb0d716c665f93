/*
 * pthread_cancel of threads blocked in system calls: one in read() on a
 * pipe that nobody writes, one in pthread_cond_wait (whose cleanup
 * handler must find the mutex locked); an asynchronous cancellation of
 * a thread that makes no cancellation point; and a thread with
 * cancellation disabled, whose read() goes on to get its byte and which
 * acts on the request only at pthread_testcancel().
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int fds[2];
static volatile int cleaned, running;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;

static void on_alarm(int sig)
{
	static const char msg[] = "FAIL thread-cancel: still waiting after 30 s\n";
	write(1, msg, sizeof msg - 1);
	_exit(1);
}

static void nap(void)
{
	nanosleep(&(struct timespec){ .tv_nsec = 50000000 }, 0);
}

static void note(void *arg)
{
	cleaned = 1;
}

static void *in_read(void *arg)
{
	char c;

	pthread_cleanup_push(note, 0);
	running = 1;
	read(fds[0], &c, 1);
	pthread_cleanup_pop(0);
	return 0;
}

static void unlock(void *arg)
{
	/* pthread_cond_wait gives the mutex back before cleanup */
	cleaned = pthread_mutex_trylock(&lock) != 0;
	pthread_mutex_unlock(&lock);
}

static void *in_cond_wait(void *arg)
{
	pthread_mutex_lock(&lock);
	pthread_cleanup_push(unlock, 0);
	running = 1;
	for (;;) pthread_cond_wait(&never, &lock);
	pthread_cleanup_pop(0);
	return 0;
}

static void *busy(void *arg)
{
	pthread_cleanup_push(note, 0);
	pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, 0);
	running = 1;
	for (;;) getppid();
	pthread_cleanup_pop(0);
	return 0;
}

static void *disabled(void *arg)
{
	char c = 0;
	ssize_t n;

	pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, 0);
	running = 1;
	n = read(fds[0], &c, 1);
	pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, 0);
	if (n != 1 || c != 'x') return (void *)1;
	cleaned = 1;
	pthread_testcancel();
	return (void *)2;
}

static int cancel(const char *what, void *(*fn)(void *), int write_after)
{
	pthread_t t;
	void *r;
	int e;

	cleaned = running = 0;
	if ((e = pthread_create(&t, 0, fn, 0))) {
		printf("FAIL thread-cancel: pthread_create: %s\n", strerror(e));
		return 1;
	}
	while (!running) nap();
	nap();
	pthread_cancel(t);
	if (write_after) {
		nap();
		write(fds[1], "x", 1);
	}
	pthread_join(t, &r);
	if (r != PTHREAD_CANCELED || !cleaned) {
		printf("FAIL thread-cancel: %s: result %p, cleanup %s\n", what, r,
			cleaned ? "ran" : "did not run or found the mutex unlocked");
		return 1;
	}
	printf("cancelled: %s\n", what);
	return 0;
}

int main(void)
{
	int fail = 0;

	signal(SIGALRM, on_alarm);
	alarm(30);
	if (pipe(fds)) {
		printf("FAIL thread-cancel: pipe\n");
		return 1;
	}
	fail |= cancel("a thread blocked in read() on a pipe", in_read, 0);
	fail |= cancel("a thread blocked in pthread_cond_wait()", in_cond_wait, 0);
	fail |= cancel("an asynchronous cancellation outside cancellation points", busy, 0);
	fail |= cancel("cancellation disabled across a read(), acted on at pthread_testcancel()",
		disabled, 1);
	if (fail) return 1;
	printf("PASS thread-cancel: blocked, asynchronous and deferred cancellations\n");
	return 0;
}
