/* 8 threads each add 1 to a counter 100,000 times under a mutex. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define THREADS 8
#define ROUNDS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *add(void *arg)
{
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return arg;
}

int main(void)
{
	pthread_t t[THREADS];
	int i, e;

	for (i = 0; i < THREADS; i++) {
		if ((e = pthread_create(&t[i], 0, add, 0))) {
			printf("FAIL thread-mutex: pthread_create: %s\n", strerror(e));
			return 1;
		}
	}
	for (i = 0; i < THREADS; i++)
		pthread_join(t[i], 0);
	if (counter != (long)THREADS * ROUNDS) {
		printf("FAIL thread-mutex: total %ld, expected %ld\n",
			counter, (long)THREADS * ROUNDS);
		return 1;
	}
	printf("PASS thread-mutex: %d threads x %d increments = %ld\n",
		THREADS, ROUNDS, counter);
	return 0;
}
