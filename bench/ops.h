/*
 * The operations the system call benchmarks time, written once over a
 * small interface that bench-wasmlinux.c implements with <wasmlinux.h>
 * and bench-native.c with the host's own system calls.
 */
#ifndef BENCH_OPS_H
#define BENCH_OPS_H

#include <stddef.h>

struct bench_ops {
	const char *name;
	long (*getpid)(void);
	int (*pipe)(int fd[2]);
	long (*write)(int fd, const void *buf, size_t n);	/* buf is host memory */
	long (*read)(int fd, void *buf, size_t n);
	void (*close)(int fd);
	/* runs fn(arg) in a new process; returns when it has started */
	int (*spawn)(void (*fn)(void *), void *arg);
	/* waits for the process that closed the pipe's write end on exit */
	void (*reap)(void);
};

void bench_run(const struct bench_ops *ops);

#endif
