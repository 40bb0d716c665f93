/*
 * fork, the same source on the host's Linux and inside WasmLinux
 * (bench/fork-bench.sh): fork + _exit + waitpid per second, by a process
 * with MB megabytes of touched heap (the child touches none of it).
 * Prints "NAME VALUE" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	int mb = argc > 1 ? atoi(argv[1]) : 1, n = argc > 2 ? atoi(argv[2]) : 200;
	char *heap = malloc((size_t)mb << 20);
	double t;

	if (!heap)
		return 1;
	memset(heap, 1, (size_t)mb << 20);
	t = now();
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		int st;

		if (pid == 0)
			_exit(heap[i] == 1 ? 0 : 1);
		if (pid < 0 || waitpid(pid, &st, 0) != pid || st)
			return 1;
	}
	printf("fork_exit_wait_%dmb_per_s %.0f\n", mb, n / (now() - t));
	return 0;
}
