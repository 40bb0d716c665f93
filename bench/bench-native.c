/* The system call benchmarks on the host's own Linux (the baseline). */
#define _GNU_SOURCE
#include <sys/wait.h>
#include <unistd.h>

#include "ops.h"

static long n_getpid(void) { return syscall(39 /* SYS_getpid */); }
static int n_pipe(int fd[2]) { return pipe(fd); }
static long n_write(int fd, const void *b, size_t n) { return write(fd, b, n); }
static long n_read(int fd, void *b, size_t n) { return read(fd, b, n); }
static void n_close(int fd) { close(fd); }
static void n_reap(void) { while (waitpid(-1, NULL, WNOHANG) > 0) ; }

static int n_spawn(void (*fn)(void *), void *arg)
{
	pid_t pid = fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	return pid < 0 ? -1 : 0;
}

int main(void)
{
	static const struct bench_ops ops = {
		"native", n_getpid, n_pipe, n_write, n_read, n_close,
		n_spawn, n_reap,
	};

	bench_run(&ops);
	return 0;
}
