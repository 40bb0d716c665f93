/*
 * 1,000 threads, 50 alive at a time: three of four are joined, the
 * fourth detached (it frees its own stack).  Every one must run, and
 * each must have a tid of its own; their stacks (128 KiB each) must be
 * reused, so that the memory grows by far less than 1,000 of them after
 * the first batch.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define TOTAL 1000
#define BATCH 50

static pid_t tids[TOTAL];
static int ran;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done = PTHREAD_COND_INITIALIZER;

static void *run(void *arg)
{
	int i = (int)(long)arg;

	tids[i] = gettid();
	pthread_mutex_lock(&lock);
	ran++;
	pthread_cond_signal(&done);
	pthread_mutex_unlock(&lock);
	return arg;
}

int main(void)
{
	pthread_t t[BATCH];
	pthread_attr_t detached;
	struct timespec until;
	int i, j, e, dup = 0;
	size_t first = 0, grown;
	void *r;

	pthread_attr_init(&detached);
	pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
	for (i = 0; i < TOTAL; i += BATCH) {
		for (j = 0; j < BATCH; j++) {
			long n = i + j;
			e = pthread_create(&t[j], n % 4 == 3 ? &detached : 0,
				run, (void *)n);
			if (e) {
				printf("FAIL thread-many: pthread_create of thread %ld: %s\n",
					n, strerror(e));
				return 1;
			}
		}
		for (j = 0; j < BATCH; j++) {
			if ((i + j) % 4 == 3) continue;
			if ((e = pthread_join(t[j], &r)) || r != (void *)(long)(i + j)) {
				printf("FAIL thread-many: join of thread %d: %s\n",
					i + j, e ? strerror(e) : "wrong result");
				return 1;
			}
		}
		if (!i) first = __builtin_wasm_memory_size(0);
	}
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 30;
	pthread_mutex_lock(&lock);
	while (ran < TOTAL && !pthread_cond_timedwait(&done, &lock, &until));
	pthread_mutex_unlock(&lock);
	if (ran != TOTAL) {
		printf("FAIL thread-many: %d of %d threads ran\n", ran, TOTAL);
		return 1;
	}
	for (i = 0; i < TOTAL; i++) {
		if (tids[i] <= 0 || tids[i] == getpid()) dup++;
		for (j = 0; j < i; j++)
			if (tids[i] == tids[j]) dup++;
	}
	if (dup) {
		printf("FAIL thread-many: %d tids zero, the pid's or repeated\n", dup);
		return 1;
	}
	grown = (__builtin_wasm_memory_size(0) - first) * 64;
	if (grown > 16384) {
		printf("FAIL thread-many: the memory grew by %zu KiB after the first batch\n",
			grown);
		return 1;
	}
	printf("PASS thread-many: %d threads (%d detached) ran, each with its own tid; "
		"memory grew by %zu KiB after the first %d\n", TOTAL, TOTAL / 4, grown, BATCH);
	return 0;
}
