/*
 * 40,000 threads, each created and joined before the next, then 2,000
 * forks, each waited for: every thread and process takes host objects
 * (a thread, its scheduling semaphore, a process's memory), which the
 * host must give again once the kernel is done with them; the web host
 * has 65,536 handles for them.  The children check that their memory is
 * their parent's copy, so a handle given again must not find an older
 * memory.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define THREADS 40000
#define FORKS 2000

static int mark;

static void *run(void *arg)
{
	return arg;
}

int main(void)
{
	pthread_t t;
	void *r;
	int i, e, status;
	pid_t pid;

	for (i = 0; i < THREADS; i++) {
		if ((e = pthread_create(&t, 0, run, (void *)(long)i))) {
			printf("FAIL thread-handles: pthread_create of thread %d: %s\n",
				i, strerror(e));
			return 1;
		}
		if ((e = pthread_join(t, &r)) || r != (void *)(long)i) {
			printf("FAIL thread-handles: join of thread %d: %s\n",
				i, e ? strerror(e) : "wrong result");
			return 1;
		}
	}
	for (i = 0; i < FORKS; i++) {
		mark = i;
		pid = fork();
		if (pid < 0) {
			printf("FAIL thread-handles: fork %d: %s\n", i, strerror(errno));
			return 1;
		}
		if (!pid)
			_exit(mark == i ? 42 : 1);
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 42) {
			printf("FAIL thread-handles: fork %d: child status %#x\n", i, status);
			return 1;
		}
	}
	printf("PASS thread-handles: %d threads created and joined, %d forks waited for\n",
		THREADS, FORKS);
	return 0;
}
