/*
 * Threads, the same source on the host's Linux and inside WasmLinux
 * (bench/threads-bench.sh): thread create+join per second, and a futex
 * ping-pong between two threads (round trips per second).  Prints
 * "NAME VALUE" lines.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *nothing(void *arg)
{
	return arg;
}

static atomic_int turn;
static int rounds;

static void futex_wait(atomic_int *p, int v)
{
	syscall(SYS_futex, p, FUTEX_WAIT_PRIVATE, v, NULL, NULL, 0);
}

static void futex_wake(atomic_int *p)
{
	syscall(SYS_futex, p, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* Thread `me` (0 or 1) waits for its turn, then hands it over. */
static void *pingpong(void *arg)
{
	int me = (int)(long)arg;

	for (int i = 0; i < rounds; i++) {
		int t;

		while ((t = atomic_load(&turn)) != me)
			futex_wait(&turn, t);
		atomic_store(&turn, !me);
		futex_wake(&turn);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000;
	pthread_t a, b;
	double t0, t1;

	t0 = now();
	for (int i = 0; i < n; i++) {
		pthread_t t;

		if (pthread_create(&t, NULL, nothing, NULL) || pthread_join(t, NULL)) {
			puts("FAIL pthread_create/join");
			return 1;
		}
	}
	t1 = now();
	printf("thread_create_join_per_s %.0f\n", n / (t1 - t0));

	rounds = argc > 2 ? atoi(argv[2]) : 20000;
	t0 = now();
	pthread_create(&a, NULL, pingpong, (void *)0L);
	pthread_create(&b, NULL, pingpong, (void *)1L);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	t1 = now();
	printf("futex_pingpong_per_s %.0f\n", rounds / (t1 - t0));
	return 0;
}
