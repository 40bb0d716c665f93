/*
 * Files on a filesystem, the same source on the host's Linux and inside
 * WasmLinux on an ext4 disk (bench/disk-bench.sh).  Prints "NAME VALUE".
 *   disk-bench seq DIR MB     MB MiB written to DIR/seq in 1 MiB writes
 *                             and fsync'd (seq_write_MBps), then read back
 *                             (seq_read_MBps: from the page cache)
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

static int seq(const char *dir, long mb)
{
	char path[4096];
	double t0;
	int fd;

	snprintf(path, sizeof(path), "%s/seq", dir);
	memset(buf, 's', sizeof(buf));
	t0 = now();
	fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	if (fd < 0)
		return fail("open");
	for (long i = 0; i < mb; i++)
		if (write(fd, buf, CHUNK) != CHUNK)
			return fail("write");
	if (fsync(fd) || close(fd))
		return fail("fsync");
	printf("seq_write_MBps %.1f\n", mb / (now() - t0));
	t0 = now();
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return fail("open");
	for (long i = 0; i < mb; i++)
		if (read(fd, buf, CHUNK) != CHUNK || buf[CHUNK - 1] != 's')
			return fail("read");
	close(fd);
	printf("seq_read_MBps %.1f\n", mb / (now() - t0));
	unlink(path);
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
