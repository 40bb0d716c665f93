/*
 * Tests of the embedding API (<wasmlinux.h>): processes and threads made
 * by the host, pipes between them, reaping, and bad input.  Boots once and
 * prints one "ok"/"FAIL" line per test.
 */
#include <errno.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <asm/unistd_32.h>
#include <wasmlinux.h>

#define AT_FDCWD	(-100)
/* (Linux's: the host's differs on Windows) */
#define L_ENOSYS	38
#define F_GETFD		1
#define WNOHANG		1
#define WEXITED		4
#define P_ALL		0

static int failures;

static void check(int ok, const char *what)
{
	printf("%s %s\n", ok ? "ok  " : "FAIL", what);
	fflush(stdout);
	failures += !ok;
}

static long sys(long nr, long a0, long a1, long a2, long a3)
{
	return wasmlinux_syscall(nr, a0, a1, a2, a3, 0, 0);
}

/* Per-test scratch memory in the kernel's address space. */
static uint32_t kmem(size_t size)
{
	uint32_t a = wasmlinux_alloc(size);

	if (!a) {
		fprintf(stderr, "api-test: no kernel memory\n");
		exit(1);
	}
	return a;
}

static void pipe_fds(int fd[2])
{
	uint32_t a = kmem(8);

	if (sys(__NR_pipe2, a, 0, 0, 0) < 0) {
		fprintf(stderr, "api-test: pipe2 failed\n");
		exit(1);
	}
	memcpy(fd, wasmlinux_ptr(a), 8);
	wasmlinux_free(a);
}

/* ---- pids, tids and file tables ---- */

struct who {
	long pid, tid;
	int fd[2];		/* a pipe the task made */
	int sees_fd;		/* fcntl(F_GETFD) of a descriptor it was given */
	int given_fd;
	sem_t done;
};

static void who_am_i(void *p)
{
	struct who *w = p;

	w->pid = sys(__NR_getpid, 0, 0, 0, 0);
	w->tid = sys(__NR_gettid, 0, 0, 0, 0);
	if (w->given_fd >= 0)
		w->sees_fd = (int)sys(__NR_fcntl64, w->given_fd, F_GETFD, 0, 0);
	pipe_fds(w->fd);
	sem_post(&w->done);
}

static void run_who(struct who *w, enum wasmlinux_task_kind kind, int given)
{
	memset(w, 0, sizeof(*w));
	w->given_fd = given;
	sem_init(&w->done, 0, 0);
	if (wasmlinux_spawn(kind, who_am_i, w) < 0) {
		fprintf(stderr, "api-test: spawn failed\n");
		exit(1);
	}
	sem_wait(&w->done);
}

static void test_identity(void)
{
	struct who a, b, t1, t2;
	int mine[2];

	pipe_fds(mine);
	run_who(&a, WASMLINUX_PROCESS, mine[0]);
	run_who(&b, WASMLINUX_PROCESS, -1);
	check(a.pid > 1 && b.pid > 1 && a.pid != b.pid && a.tid == a.pid,
	      "two processes have their own pids");
	check(a.sees_fd == 0 &&
	      sys(__NR_fcntl64, a.fd[0], F_GETFD, 0, 0) == -EBADF,
	      "a process gets a copy of its parent's file table, not a share");

	run_who(&t1, WASMLINUX_THREAD, -1);
	run_who(&t2, WASMLINUX_THREAD, t1.fd[0]);
	check(t1.pid == 1 && t2.pid == 1 && t1.tid != t2.tid && t1.tid > 1,
	      "two threads of init share its pid and have their own tids");
	check(t2.sees_fd == 0 && sys(__NR_fcntl64, t1.fd[1], F_GETFD, 0, 0) == 0,
	      "threads of one process share its file table");
	sys(__NR_close, mine[0], 0, 0, 0);
	sys(__NR_close, mine[1], 0, 0, 0);
}

/* ---- a blocking read woken by a write from another process ---- */

struct writer {
	int fd;
	long delay_ms;
};

static void late_writer(void *p)
{
	struct writer *w = p;
	uint32_t ts = kmem(16), buf = kmem(8);
	long long spec[2] = { 0, w->delay_ms * 1000000 };

	memcpy(wasmlinux_ptr(ts), spec, sizeof(spec));
	sys(__NR_clock_nanosleep_time64, 1, 0, ts, 0);
	memcpy(wasmlinux_ptr(buf), "wake", 4);
	sys(__NR_write, w->fd, buf, 4, 0);
	wasmlinux_free(ts);
	wasmlinux_free(buf);
}

static void test_wakeup(void)
{
	struct writer w = { 0, 50 };
	uint32_t buf = kmem(8), ts = kmem(16);
	long long t0[2], t1[2];
	int fd[2];
	long n;

	pipe_fds(fd);
	w.fd = fd[1];
	sys(__NR_clock_gettime64, 1, ts, 0, 0);
	memcpy(t0, wasmlinux_ptr(ts), 16);
	wasmlinux_spawn(WASMLINUX_PROCESS, late_writer, &w);
	n = sys(__NR_read, fd[0], buf, 8, 0);
	sys(__NR_clock_gettime64, 1, ts, 0, 0);
	memcpy(t1, wasmlinux_ptr(ts), 16);
	long long waited = (t1[0] - t0[0]) * 1000 + (t1[1] - t0[1]) / 1000000;
	check(n == 4 && !memcmp(wasmlinux_ptr(buf), "wake", 4) && waited >= 50,
	      "a blocking read wakes when another process writes");
	sys(__NR_close, fd[0], 0, 0, 0);
	sys(__NR_close, fd[1], 0, 0, 0);
	wasmlinux_free(buf);
	wasmlinux_free(ts);
}

/* ---- 10,000 round trips between two processes ---- */

#define TRIPS	10000
#define MSG	61

struct pingpong {
	int to_q[2], to_p[2];
	unsigned long sum_sent, sum_echoed, bad;
	sem_t done;
};

static long read_full(int fd, uint32_t buf, long len)
{
	long got = 0, n;

	while (got < len && (n = sys(__NR_read, fd, buf + got, len - got, 0)) > 0)
		got += n;
	return got;
}

static void pong(void *p)
{
	struct pingpong *pp = p;
	uint32_t buf = kmem(MSG);

	for (int i = 0; i < TRIPS; i++) {
		if (read_full(pp->to_q[0], buf, MSG) != MSG ||
		    sys(__NR_write, pp->to_p[1], buf, MSG, 0) != MSG)
			pp->bad++;
	}
	wasmlinux_free(buf);
	sem_post(&pp->done);
}

static void ping(void *p)
{
	struct pingpong *pp = p;
	uint32_t out = kmem(MSG), in = kmem(MSG);
	unsigned char *o = wasmlinux_ptr(out), *q = wasmlinux_ptr(in);

	for (int i = 0; i < TRIPS; i++) {
		for (int j = 0; j < MSG; j++) {
			o[j] = (unsigned char)(i * 31 + j * 7);
			pp->sum_sent += o[j] * (unsigned long)(j + 1);
		}
		if (sys(__NR_write, pp->to_q[1], out, MSG, 0) != MSG ||
		    read_full(pp->to_p[0], in, MSG) != MSG)
			pp->bad++;
		for (int j = 0; j < MSG; j++)
			pp->sum_echoed += q[j] * (unsigned long)(j + 1);
	}
	wasmlinux_free(out);
	wasmlinux_free(in);
	sem_post(&pp->done);
}

static void test_roundtrips(void)
{
	struct pingpong pp = { 0 };

	sem_init(&pp.done, 0, 0);
	pipe_fds(pp.to_q);
	pipe_fds(pp.to_p);
	wasmlinux_spawn(WASMLINUX_PROCESS, pong, &pp);
	wasmlinux_spawn(WASMLINUX_PROCESS, ping, &pp);
	sem_wait(&pp.done);
	sem_wait(&pp.done);
	for (int i = 0; i < 2; i++) {
		sys(__NR_close, pp.to_q[i], 0, 0, 0);
		sys(__NR_close, pp.to_p[i], 0, 0, 0);
	}
	check(!pp.bad && pp.sum_sent == pp.sum_echoed && pp.sum_sent,
	      "10,000 round trips between two processes keep every byte");
}

/* ---- 1,000 processes created, exited and reaped ---- */

static long memfree_kb(void)
{
	uint32_t path = kmem(32), buf = kmem(4096);
	long fd, n, kb = -1;

	strcpy(wasmlinux_ptr(path), "/proc/meminfo");
	fd = sys(__NR_openat, AT_FDCWD, path, 0, 0);
	n = fd < 0 ? -1 : sys(__NR_read, fd, buf, 4095, 0);
	if (n > 0) {
		char *s = wasmlinux_ptr(buf);

		s[n] = 0;
		s = strstr(s, "MemFree:");
		if (s)
			kb = strtol(s + 8, NULL, 10);
	}
	if (fd >= 0)
		sys(__NR_close, fd, 0, 0, 0);
	wasmlinux_free(path);
	wasmlinux_free(buf);
	return kb;
}

static long host_rss_kb(void)
{
	long pages = 0, rss = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
			rss = 0;
		fclose(f);
	}
	return rss * 4;
}

static void nothing(void *p)
{
	(void)p;
}

static void pause_ms(long ms)
{
	uint32_t ts = kmem(16);
	long long spec[2] = { 0, ms * 1000000 };

	memcpy(wasmlinux_ptr(ts), spec, sizeof(spec));
	sys(__NR_clock_nanosleep_time64, 1, 0, ts, 0);
	wasmlinux_free(ts);
}

static void test_many_processes(void)
{
	long free0, free1, rss0, rss1, spawned = 0;

	/* warm up caches and the runtime's pools, then measure */
	for (int i = 0; i < 20; i++)
		wasmlinux_spawn(WASMLINUX_PROCESS, nothing, NULL);
	pause_ms(200);
	free0 = memfree_kb();
	rss0 = host_rss_kb();
	for (int i = 0; i < 1000; i++) {
		int fd[2];
		uint32_t buf = kmem(8);

		pipe_fds(fd);
		/* the child holds the write end until it exits */
		if (wasmlinux_spawn(WASMLINUX_PROCESS, nothing, NULL) > 0)
			spawned++;
		sys(__NR_close, fd[1], 0, 0, 0);
		read_full(fd[0], buf, 1);
		sys(__NR_close, fd[0], 0, 0, 0);
		wasmlinux_free(buf);
	}
	pause_ms(300);
	free1 = memfree_kb();
	rss1 = host_rss_kb();
	printf("     MemFree %ld -> %ld kB, host RSS %ld -> %ld kB\n",
	       free0, free1, rss0, rss1);
	uint32_t info = kmem(128);
	long left = sys(__NR_waitid, P_ALL, 0, info, WEXITED | WNOHANG);

	wasmlinux_free(info);
	check(spawned == 1000 && left == -ECHILD,
	      "1,000 processes are created, exit and are reaped");
	check(free0 > 0 && free1 >= free0 - free0 / 20 && rss1 <= rss0 + rss0 / 20,
	      "after 1,000 processes, MemFree and host RSS are back within 5%");
}

/* ---- bad input from the host ---- */

static void test_bad_input(void)
{
	uint32_t buf = kmem(16);
	int fd[2];

	pipe_fds(fd);
	check(sys(__NR_close, 9999, 0, 0, 0) == -EBADF, "a bad fd gives EBADF");
	check(sys(__NR_read, fd[0], 16, 8, 0) == -EFAULT &&
	      sys(__NR_write, fd[1], 0xfffffff0, 8, 0) == -EFAULT,
	      "a bad pointer gives EFAULT");
	check(wasmlinux_syscall(5000, 0, 0, 0, 0, 0, 0) == -L_ENOSYS &&
	      wasmlinux_syscall(-1, 0, 0, 0, 0, 0, 0) == -L_ENOSYS,
	      "an unknown system call gives ENOSYS");
	check(wasmlinux_syscall(__NR_getpid, -1, -1, -1, -1, -1, -1) == 1,
	      "extra arguments are ignored");
	memcpy(wasmlinux_ptr(buf), "still", 5);
	check(sys(__NR_write, fd[1], buf, 5, 0) == 5 &&
	      read_full(fd[0], buf + 8, 5) == 5 &&
	      !memcmp(wasmlinux_ptr(buf + 8), "still", 5),
	      "the kernel works after bad input");
	check(wasmlinux_spawn(7, nothing, NULL) == -EINVAL &&
	      wasmlinux_spawn(WASMLINUX_PROCESS, NULL, NULL) == -EINVAL,
	      "a bad spawn request gives EINVAL");
	sys(__NR_close, fd[0], 0, 0, 0);
	sys(__NR_close, fd[1], 0, 0, 0);
	wasmlinux_free(buf);
}

int main(void)
{
	struct wasmlinux_config config = { .cmdline = "loglevel=3", .mem_mb = 48 };
	int ret = wasmlinux_boot(&config);

	if (ret) {
		fprintf(stderr, "api-test: boot failed: %d\n", ret);
		return 1;
	}
	long total = 0;
	uint32_t si = kmem(64);

	if (sys(__NR_sysinfo, si, 0, 0, 0) == 0)
		memcpy(&total, (char *)wasmlinux_ptr(si) + 16, 4);	/* totalram */
	wasmlinux_free(si);
	check(total > 44L << 20 && total <= 48L << 20,
	      "the configured memory size is the kernel's RAM");
	test_identity();
	test_wakeup();
	test_roundtrips();
	test_many_processes();
	test_bad_input();
	ret = wasmlinux_shutdown();
	check(ret == 0, "the kernel shuts down and the call returns");
	return failures != 0;
}
