/*
 * Files on a filesystem, the same source on the host's Linux and inside
 * WasmLinux on an ext4 disk (bench/disk-bench.sh).  Prints "NAME VALUE".
 *   disk-bench seq DIR MB     MB MiB written to DIR/seq in 1 MiB writes
 *                             and fsync'd (seq_write_MBps), then read back
 *                             (seq_read_MBps), the medians of SEQ_RUNS:
 *                             the host's disk makes the fsync noisy
 *   disk-bench files DIR N    N small files created, stat'ed and deleted
 *                             (create_per_s, stat_per_s, delete_per_s)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHUNK	(1 << 20)
#define SEQ_RUNS	5

static char buf[CHUNK];

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int fail(const char *what)
{
	perror(what);
	return 1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int seq(const char *dir, long mb)
{
	double w[SEQ_RUNS], r[SEQ_RUNS];
	char path[4096];
	double t0;
	int fd;

	snprintf(path, sizeof(path), "%s/seq", dir);
	memset(buf, 's', sizeof(buf));
	for (int run = 0; run < SEQ_RUNS; run++) {
		t0 = now();
		fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
		if (fd < 0)
			return fail("open");
		for (long i = 0; i < mb; i++)
			if (write(fd, buf, CHUNK) != CHUNK)
				return fail("write");
		if (fsync(fd) || close(fd))
			return fail("fsync");
		w[run] = mb / (now() - t0);
		t0 = now();
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return fail("open");
		for (long i = 0; i < mb; i++)
			if (read(fd, buf, CHUNK) != CHUNK || buf[CHUNK - 1] != 's')
				return fail("read");
		close(fd);
		r[run] = mb / (now() - t0);
		fprintf(stderr, "seq run %d: write %.1f MB/s, read %.1f MB/s\n",
			run, w[run], r[run]);
		unlink(path);
	}
	printf("seq_write_MBps %.1f\n", median(w, SEQ_RUNS));
	printf("seq_read_MBps %.1f\n", median(r, SEQ_RUNS));
	return 0;
}

static int files(const char *dir, int n)
{
	char path[4096];
	struct stat st;
	double t0;

	t0 = now();
	for (int i = 0; i < n; i++) {
		int fd;

		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
		if (fd < 0 || write(fd, "a small file\n", 13) != 13 || close(fd))
			return fail("create");
	}
	printf("create_per_s %.0f\n", n / (now() - t0));
	t0 = now();
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		if (stat(path, &st) || st.st_size != 13)
			return fail("stat");
	}
	printf("stat_per_s %.0f\n", n / (now() - t0));
	t0 = now();
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		if (unlink(path))
			return fail("unlink");
	}
	printf("delete_per_s %.0f\n", n / (now() - t0));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "seq"))
		return seq(argv[2], atol(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "files"))
		return files(argv[2], atoi(argv[3]));
	fputs("usage: disk-bench seq DIR MB | files DIR N\n", stderr);
	return 2;
}
