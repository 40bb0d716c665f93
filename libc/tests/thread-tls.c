/*
 * Thread-locals: each of 8 threads finds the initial values (data and
 * zeros, and a 64-byte aligned one), at addresses of its own, writes
 * its own values, and still finds them after all have written; errno
 * is per thread too.  The main thread's are left alone.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define THREADS 8

static __thread int number = 1234;
static __thread char name[32] = "initial";
static __thread long zero[16];
static __thread _Alignas(64) char aligned[64] = { 7 };

static pthread_barrier_t all_written;
static void *where[THREADS];
static int bad[THREADS];

static int initial(void)
{
	for (int i = 0; i < 16; i++)
		if (zero[i]) return 0;
	return number == 1234 && !strcmp(name, "initial") && aligned[0] == 7
		&& !((uintptr_t)aligned & 63);
}

static void *run(void *arg)
{
	int i = (int)(long)arg;
	char want[32];

	if (!initial()) bad[i] |= 1;
	where[i] = &number;
	number = i;
	snprintf(want, sizeof want, "thread %d", i);
	strcpy(name, want);
	zero[15] = i;
	aligned[0] = i;
	errno = 100 + i;
	pthread_barrier_wait(&all_written);
	if (number != i || strcmp(name, want) || zero[15] != i || aligned[0] != i)
		bad[i] |= 2;
	if (errno != 100 + i) bad[i] |= 4;
	return 0;
}

int main(void)
{
	pthread_t t[THREADS];
	int i, j, e, fail = 0;

	errno = 0;
	pthread_barrier_init(&all_written, 0, THREADS);
	for (i = 0; i < THREADS; i++)
		if ((e = pthread_create(&t[i], 0, run, (void *)(long)i))) {
			printf("FAIL thread-tls: pthread_create: %s\n", strerror(e));
			return 1;
		}
	for (i = 0; i < THREADS; i++)
		pthread_join(t[i], 0);
	for (i = 0; i < THREADS; i++) {
		if (bad[i] & 1) printf("FAIL thread-tls: thread %d did not find the initial values\n", i), fail = 1;
		if (bad[i] & 2) printf("FAIL thread-tls: thread %d lost its values to another\n", i), fail = 1;
		if (bad[i] & 4) printf("FAIL thread-tls: thread %d lost its errno\n", i), fail = 1;
		if (where[i] == &number) printf("FAIL thread-tls: thread %d shares the main thread's variable\n", i), fail = 1;
		for (j = 0; j < i; j++)
			if (where[i] == where[j])
				printf("FAIL thread-tls: threads %d and %d share a variable\n", j, i), fail = 1;
	}
	if (!initial() || errno) {
		printf("FAIL thread-tls: the main thread's thread-locals changed\n");
		fail = 1;
	}
	if (fail) return 1;
	printf("PASS thread-tls: %d threads, each with its own initialised thread-locals and errno\n",
		THREADS);
	return 0;
}
