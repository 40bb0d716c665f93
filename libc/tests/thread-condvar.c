/*
 * A producer moves 1,000,000 numbered items to a consumer through a
 * ring of 64 slots guarded by a mutex and two condition variables; the
 * consumer checks that each comes in order and sums them.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define ITEMS 1000000
#define SLOTS 64

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static unsigned ring[SLOTS];
static unsigned head, tail;

static void *produce(void *arg)
{
	for (unsigned i = 1; i <= ITEMS; i++) {
		pthread_mutex_lock(&lock);
		while (head - tail == SLOTS)
			pthread_cond_wait(&not_full, &lock);
		ring[head++ % SLOTS] = i;
		pthread_cond_signal(&not_empty);
		pthread_mutex_unlock(&lock);
	}
	return arg;
}

int main(void)
{
	unsigned long long sum = 0;
	unsigned want = 1, v;
	pthread_t t;
	int e;

	if ((e = pthread_create(&t, 0, produce, 0))) {
		printf("FAIL thread-condvar: pthread_create: %s\n", strerror(e));
		return 1;
	}
	while (want <= ITEMS) {
		pthread_mutex_lock(&lock);
		while (head == tail)
			pthread_cond_wait(&not_empty, &lock);
		v = ring[tail++ % SLOTS];
		pthread_cond_signal(&not_full);
		pthread_mutex_unlock(&lock);
		if (v != want) {
			printf("FAIL thread-condvar: item %u came as number %u\n", v, want);
			return 1;
		}
		sum += v;
		want++;
	}
	pthread_join(t, 0);
	if (sum != (unsigned long long)ITEMS * (ITEMS + 1) / 2) {
		printf("FAIL thread-condvar: checksum %llu\n", sum);
		return 1;
	}
	printf("PASS thread-condvar: %d items in order, checksum %llu\n", ITEMS, sum);
	return 0;
}
