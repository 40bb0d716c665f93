/*
 * System calls from a user program, the same source on the host's Linux
 * and inside WasmLinux (bench/syscall-bench.sh): a round trip into the
 * kernel and back (getppid, which no C library caches), and a context
 * switch between two processes (one byte sent back and forth through two
 * pipes; round trips per second).  Prints "NAME VALUE" lines.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One byte from rd back to wr, rounds times. */
static int echo(int rd, int wr, int rounds)
{
	char c;

	for (int i = 0; i < rounds; i++)
		if (read(rd, &c, 1) != 1 || write(wr, &c, 1) != 1)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	int calls = argc > 1 ? atoi(argv[1]) : 1000000;
	int rounds = argc > 2 ? atoi(argv[2]) : 20000;
	int to_child[2], to_parent[2], status;
	long sum = 0;
	double t0, t1;
	char c = 'x';
	pid_t pid;

	t0 = now();
	for (int i = 0; i < calls; i++)
		sum += syscall(SYS_getppid);
	t1 = now();
	if (sum != (long)calls * getppid()) {
		puts("FAIL getppid");
		return 1;
	}
	printf("syscall_per_s %.0f\n", calls / (t1 - t0));

	if (pipe(to_child) || pipe(to_parent)) {
		puts("FAIL pipe");
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		puts("FAIL fork");
		return 1;
	}
	if (!pid)
		_exit(echo(to_child[0], to_parent[1], rounds));
	t0 = now();
	for (int i = 0; i < rounds; i++)
		if (write(to_child[1], &c, 1) != 1 ||
		    read(to_parent[0], &c, 1) != 1) {
			puts("FAIL ping-pong");
			return 1;
		}
	t1 = now();
	if (waitpid(pid, &status, 0) != pid || status) {
		puts("FAIL child");
		return 1;
	}
	printf("pipe_pingpong_per_s %.0f\n", rounds / (t1 - t0));
	return 0;
}
