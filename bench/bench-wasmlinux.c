/* The system call benchmarks inside WasmLinux, through <wasmlinux.h>. */
#include <stdio.h>
#include <string.h>

#include <asm/unistd_32.h>
#include <wasmlinux.h>

#include "ops.h"

/* One kernel-memory bounce buffer per thread for read/write data. */
static _Thread_local uint32_t bounce;

static uint32_t kbuf(void)
{
	if (!bounce)
		bounce = wasmlinux_alloc(64 * 1024);
	return bounce;
}

static long w_sys(long nr, long a, long b, long c)
{
	return wasmlinux_syscall(nr, a, b, c, 0, 0, 0);
}

static long w_getpid(void) { return w_sys(__NR_getpid, 0, 0, 0); }

static int w_pipe(int fd[2])
{
	long r = w_sys(__NR_pipe2, kbuf(), 0, 0);

	memcpy(fd, wasmlinux_ptr(kbuf()), 2 * sizeof(int));
	return (int)r;
}

/* The copy to and from kernel memory is part of what is measured. */
static long w_write(int fd, const void *b, size_t n)
{
	memcpy(wasmlinux_ptr(kbuf()), b, n);
	return w_sys(__NR_write, fd, kbuf(), (long)n);
}

static long w_read(int fd, void *b, size_t n)
{
	long r = w_sys(__NR_read, fd, kbuf(), (long)n);

	if (r > 0)
		memcpy(b, wasmlinux_ptr(kbuf()), (size_t)r);
	return r;
}

static void w_close(int fd) { w_sys(__NR_close, fd, 0, 0); }
static void w_reap(void) { }	/* init reaps its children itself */

static void (*child_fn)(void *);

static void child(void *arg)
{
	child_fn(arg);
	if (bounce)
		wasmlinux_free(bounce);
	bounce = 0;
}

static int w_spawn(void (*fn)(void *), void *arg)
{
	child_fn = fn;
	return wasmlinux_spawn(WASMLINUX_PROCESS, child, arg) < 0 ? -1 : 0;
}

int main(void)
{
	static const struct bench_ops ops = {
		"wasmlinux", w_getpid, w_pipe, w_write, w_read, w_close,
		w_spawn, w_reap,
	};
	struct wasmlinux_config config = { .cmdline = "loglevel=3" };

	if (wasmlinux_boot(&config)) {
		fprintf(stderr, "bench: boot failed\n");
		return 1;
	}
	bench_run(&ops);
	fflush(stdout);
	return wasmlinux_shutdown() ? 1 : 0;
}
