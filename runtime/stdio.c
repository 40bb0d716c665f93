/*
 * The host's standard streams as pipes of init, for when they are not a
 * terminal (a script piped in, output redirected): as with a container
 * run without a terminal, the programs see pipes, not a TTY, and the
 * bytes pass unchanged.  Each pipe has a small process of its own that
 * copies between the host and the kernel.
 */
#include <asm/unistd_32.h>

#include "internal.h"
#include "linux-abi.h"
#include "wasmlinux.h"

#define BUF		65536

struct pump {
	int fd;			/* the kernel's end */
	int host_fd;		/* 0, 1 or 2 */
};

static struct pump pumps[3];
static struct plat_sem *done;	/* an output pump finished */
static int outputs;

static long sys(long nr, long a0, long a1, long a2)
{
	return wasmlinux_syscall(nr, a0, a1, a2, 0, 0, 0);
}

/* Runs as a process of its own: only its end of the pipe stays open. */
static void pump_main(void *arg)
{
	struct pump *p = arg;
	uint32_t buf = wasmlinux_alloc(BUF);
	char *b = wasmlinux_ptr(buf);
	long n;

	sys(__NR_close_range, 0, p->fd - 1, 0);
	sys(__NR_close_range, p->fd + 1, ~0u, 0);
	if (p->host_fd == 0) {
		while ((n = plat_read_input(b, BUF)) > 0 ||
		       n == PLAT_INPUT_RESIZED)
			for (long off = 0, w; n > 0 && off < n; off += w)
				if ((w = sys(__NR_write, p->fd, buf + off,
					     n - off)) <= 0)
					break;
	} else {
		FILE *f = p->host_fd == 1 ? stdout : stderr;

		while ((n = sys(__NR_read, p->fd, buf, BUF)) > 0) {
			fwrite(b, 1, (size_t)n, f);
			fflush(f);
		}
	}
	wasmlinux_free(buf);
	if (p->host_fd)
		plat_sem_up(done);
}

int wasmlinux_stdio_pipe(int fd)
{
	uint32_t fds = wasmlinux_alloc(8);
	int *pfd = wasmlinux_ptr(fds), mine, theirs;
	long ret;

	if (!done)
		done = plat_sem_new(0);
	ret = sys(__NR_pipe2, fds, K_O_CLOEXEC, 0);
	if (ret < 0) {
		wasmlinux_free(fds);
		return (int)ret;
	}
	mine = fd == 0 ? pfd[0] : pfd[1];
	theirs = fd == 0 ? pfd[1] : pfd[0];
	wasmlinux_free(fds);
	pumps[fd].fd = theirs;
	pumps[fd].host_fd = fd;
	ret = wasmlinux_spawn(WASMLINUX_PROCESS, pump_main, &pumps[fd]);
	if (ret >= 0)
		ret = sys(__NR_dup3, mine, fd, 0);
	sys(__NR_close, mine, 0, 0);
	sys(__NR_close, theirs, 0, 0);
	if (ret >= 0 && fd)
		outputs++;
	return ret < 0 ? (int)ret : 0;
}

/* At the end, the output pumps have their last bytes written out. */
void wl_stdio_flush(void)
{
	uint64_t deadline = plat_time_mono() + 2000000000ull;

	for (int i = 0; i < outputs; i++)
		if (!plat_sem_down_until(done, deadline))
			break;
}
