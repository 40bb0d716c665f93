/*
 * 4 writers and 4 readers start together at a barrier.  Writers change
 * two counters under the write lock, readers check under the read lock
 * that they never see them differ; a spinlock guards a third counter.
 * Every barrier cycle has exactly one serial thread.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define WRITERS 4
#define READERS 4
#define ROUNDS 20000
#define CYCLES 100

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_spinlock_t spin;
static pthread_barrier_t start, cycle;
static long a, b, spun;
static int torn, serial;

static void *writer(void *arg)
{
	pthread_barrier_wait(&start);
	for (int i = 0; i < ROUNDS; i++) {
		pthread_rwlock_wrlock(&rw);
		a++;
		b++;
		pthread_rwlock_unlock(&rw);
		pthread_spin_lock(&spin);
		spun++;
		pthread_spin_unlock(&spin);
	}
	return arg;
}

static void *reader(void *arg)
{
	pthread_barrier_wait(&start);
	for (int i = 0; i < ROUNDS; i++) {
		pthread_rwlock_rdlock(&rw);
		if (a != b) torn = 1;
		pthread_rwlock_unlock(&rw);
	}
	return arg;
}

static void *cycler(void *arg)
{
	for (int i = 0; i < CYCLES; i++)
		if (pthread_barrier_wait(&cycle) == PTHREAD_BARRIER_SERIAL_THREAD)
			__atomic_fetch_add(&serial, 1, __ATOMIC_SEQ_CST);
	return arg;
}

int main(void)
{
	pthread_t t[WRITERS + READERS];
	int i, e, n = WRITERS + READERS;

	pthread_spin_init(&spin, 0);
	pthread_barrier_init(&start, 0, n);
	pthread_barrier_init(&cycle, 0, n);
	for (i = 0; i < n; i++)
		if ((e = pthread_create(&t[i], 0, i < WRITERS ? writer : reader, 0))) {
			printf("FAIL thread-rwlock: pthread_create: %s\n", strerror(e));
			return 1;
		}
	for (i = 0; i < n; i++)
		pthread_join(t[i], 0);
	if (torn || a != (long)WRITERS * ROUNDS || b != a || spun != a) {
		printf("FAIL thread-rwlock: a %ld b %ld spun %ld, a reader saw them differ: %d\n",
			a, b, spun, torn);
		return 1;
	}
	for (i = 0; i < n; i++)
		if ((e = pthread_create(&t[i], 0, cycler, 0))) {
			printf("FAIL thread-rwlock: pthread_create: %s\n", strerror(e));
			return 1;
		}
	for (i = 0; i < n; i++)
		pthread_join(t[i], 0);
	if (serial != CYCLES) {
		printf("FAIL thread-rwlock: %d serial threads in %d barrier cycles\n",
			serial, CYCLES);
		return 1;
	}
	printf("PASS thread-rwlock: rwlock, spinlock and %d barrier cycles with %d threads\n",
		CYCLES, n);
	return 0;
}
