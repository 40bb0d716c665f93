/*
 * A thread that stores through NULL kills its whole process with
 * SIGSEGV, while its other thread sleeps.  The test runs itself as the
 * child and waits for it.
 */
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void *crash(void *arg)
{
	usleep(10000);
	*(volatile int *)arg = 1;
	return 0;
}

static int child(void)
{
	pthread_t t;

	if (pthread_create(&t, 0, crash, 0)) return 2;
	for (int i = 0; i < 1000; i++) usleep(10000);
	return 3;
}

int main(int argc, char **argv)
{
	char *args[] = { argv[0], "child", 0 };
	pid_t pid;
	int st, e;

	if (argc > 1 && !strcmp(argv[1], "child"))
		return child();
	if ((e = posix_spawn(&pid, argv[0], 0, 0, args, environ))) {
		printf("FAIL thread-trap: posix_spawn %s: %s\n", argv[0], strerror(e));
		return 1;
	}
	if (waitpid(pid, &st, 0) != pid) {
		printf("FAIL thread-trap: waitpid\n");
		return 1;
	}
	if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGSEGV) {
		printf("FAIL thread-trap: the child ended with status %#x, not SIGSEGV\n", st);
		return 1;
	}
	printf("PASS thread-trap: a store through NULL in a thread killed its process with SIGSEGV\n");
	return 0;
}
