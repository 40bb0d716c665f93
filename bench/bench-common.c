/* The benchmark bodies, shared by the native and the WasmLinux runs. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops.h"

#define CHUNK		(64 * 1024)
#define PIPE_BYTES	(256L << 20)

static const struct bench_ops *ops;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void writer(void *arg)
{
	int fd = *(int *)arg;
	char *buf = malloc(CHUNK);

	memset(buf, 'x', CHUNK);
	for (long done = 0; done < PIPE_BYTES; done += CHUNK)
		if (ops->write(fd, buf, CHUNK) != CHUNK)
			break;
	free(buf);
	ops->close(fd);
}

static void nothing(void *arg)
{
	(void)arg;
}

void bench_run(const struct bench_ops *o)
{
	int fd[2], n = 200000;
	long total = 0, got;
	char *buf = malloc(CHUNK);
	double t;

	ops = o;
	t = now();
	for (int i = 0; i < n; i++)
		ops->getpid();
	printf("%s getpid_ns %.1f\n", ops->name, (now() - t) / n * 1e9);

	ops->pipe(fd);
	t = now();
	ops->spawn(writer, &fd[1]);
	ops->close(fd[1]);
	while ((got = ops->read(fd[0], buf, CHUNK)) > 0)
		total += got;
	t = now() - t;
	ops->close(fd[0]);
	ops->reap();
	if (total != PIPE_BYTES)
		fprintf(stderr, "%s: pipe moved %ld of %ld bytes\n", ops->name,
			total, PIPE_BYTES);
	printf("%s pipe_MBps %.1f\n", ops->name, (double)total / t / 1e6);

	n = 2000;
	t = now();
	for (int i = 0; i < n; i++) {
		ops->pipe(fd);
		ops->spawn(nothing, NULL);
		ops->close(fd[1]);
		ops->read(fd[0], buf, 1);	/* EOF once the child is gone */
		ops->close(fd[0]);
		ops->reap();
	}
	printf("%s spawn_exit_per_s %.0f\n", ops->name, n / (now() - t));
	free(buf);
}
