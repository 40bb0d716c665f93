/*
 * /proc/PID/maps tells the truth: the program's data (its file) and
 * [stack], anonymous and file mappings with their protection and offset,
 * munmap, mprotect, mremap and brk, map_files, vsize in /proc/PID/stat,
 * and a forked child's own copy.  Prints "ok WHAT" or "FAIL WHAT" per
 * check; exits 0 only if all passed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define PG 4096UL

struct map {
	unsigned long start, end, off, ino;
	char perms[5], path[256];
};

static struct map maps[256];
static int nmaps, fails;
static int global_data = 42;

/* (a failure shows the maps as last read) */
static void check(int cond, const char *what)
{
	printf("%s %s\n", cond ? "ok" : "FAIL", what);
	for (int i = 0; !cond && i < nmaps; i++)
		printf("  %08lx-%08lx %s %08lx %lu %s\n", maps[i].start,
			maps[i].end, maps[i].perms, maps[i].off, maps[i].ino,
			maps[i].path);
	fflush(stdout);
	fails += !cond;
}

/* (with read() into a static buffer: stdio's malloc could take pages
 * that a check has just unmapped) */
static void read_maps(void)
{
	static char buf[65536];
	char *line, *next;
	int fd = open("/proc/self/maps", O_RDONLY), len = 0, n;

	nmaps = 0;
	if (fd < 0) return;
	while (len < (int)sizeof buf - 1 &&
		(n = read(fd, buf + len, sizeof buf - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	for (line = buf; nmaps < 256 && *line; line = next) {
		struct map *m = &maps[nmaps];
		unsigned maj, min;
		int k = 0;
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		m->path[0] = 0;
		if (sscanf(line, "%lx-%lx %4s %lx %x:%x %lu %n", &m->start,
			&m->end, m->perms, &m->off, &maj, &min, &m->ino, &k) < 7)
			continue;
		if (line + k < next) sscanf(line + k, "%255[^\n]", m->path);
		nmaps++;
	}
}

/* The line whose range holds addr, or NULL. */
static struct map *at(const void *addr)
{
	unsigned long a = (unsigned long)addr;
	for (int i = 0; i < nmaps; i++)
		if (maps[i].start <= a && a < maps[i].end) return &maps[i];
	return 0;
}

/* Whether a line is exactly [start, start + len) with these perms. */
static int exactly(const void *start, unsigned long len, const char *perms)
{
	struct map *m = at(start);
	return m && m->start == (unsigned long)start &&
		m->end == (unsigned long)start + len && !strcmp(m->perms, perms);
}

static unsigned long maps_total(void)
{
	unsigned long sum = 0;
	for (int i = 0; i < nmaps; i++) sum += maps[i].end - maps[i].start;
	return sum;
}

/* Field 23 of /proc/self/stat: the size of the mappings. */
static unsigned long stat_vsize(void)
{
	char buf[1024], *p;
	unsigned long v = 0;
	int fd = open("/proc/self/stat", O_RDONLY), n;

	if (fd < 0) return 0;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0) return 0;
	buf[n] = 0;
	p = strrchr(buf, ')');
	if (!p) return 0;
	/* the space before field 3 comes after ")"; vsize is field 23 */
	for (int field = 2; p && field < 23; field++) p = strchr(p + 1, ' ');
	if (p) v = strtoul(p + 1, 0, 10);
	return v;
}

int main(int argc, char **argv)
{
	int local = 1;
	char path[] = "/tmp/maps-file", link[64], target[256];
	unsigned char *a, *f, *r;
	struct stat st;
	int fd;

	(void)argc;
	read_maps();
	struct map *m = at(&global_data);
	check(m && !strcmp(m->perms, "rw-p") && !strcmp(m->path, argv[0]),
		"maps: the program's data is a private mapping of its file");
	m = at(&local);
	check(m && !strcmp(m->path, "[stack]") && !strcmp(m->perms, "rw-p"),
		"maps: a local variable is in [stack]");
	m = at(argv[0]);
	check(m && !strcmp(m->path, "[stack]"),
		"maps: the arguments are at the top of [stack]");

	/* (first: a mapping above the break would stop it) */
	/* (musl's brk() and sbrk() refuse to move the break) */
	unsigned long brk0 = syscall(SYS_brk, 0);
	unsigned long brk1 = syscall(SYS_brk, brk0 + 16 * PG);
	read_maps();
	m = at((void *)(brk1 - 1));
	check(brk1 == brk0 + 16 * PG && m && m->start <= brk0 &&
		!strcmp(m->perms, "rw-p"), "maps: memory that brk added is mapped");


	a = mmap(0, 3 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	read_maps();
	check(a != MAP_FAILED && exactly(a, 3 * PG, "r--p") && !at(a)->path[0] &&
		at(a)->ino == 0, "maps: an anonymous mmap of 3 pages is one r--p line");
	check(!mprotect(a + PG, PG, PROT_NONE), "mprotect: of a mapped page succeeds");
	read_maps();
	check(exactly(a, PG, "r--p") && exactly(a + PG, PG, "---p") &&
		exactly(a + 2 * PG, PG, "r--p"),
		"maps: mprotect of the middle page splits the mapping in three");
	mprotect(a + PG, PG, PROT_READ);
	read_maps();
	check(exactly(a, 3 * PG, "r--p"),
		"maps: mprotect back merges the three into one");
	check(!munmap(a + PG, PG), "munmap: of the middle page succeeds");
	read_maps();
	check(exactly(a, PG, "r--p") && !at(a + PG) && exactly(a + 2 * PG, PG, "r--p"),
		"maps: munmap of the middle page leaves a hole");
	errno = 0;
	check(mprotect(a, 3 * PG, PROT_READ) == -1 && errno == ENOMEM,
		"mprotect: over an unmapped page fails with ENOMEM");
	munmap(a, 3 * PG);
	read_maps();
	check(!at(a) && !at(a + 2 * PG), "maps: munmap of the rest removes it");

	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	static char page[PG];
	for (int i = 0; i < 4; i++) {
		memset(page, 'a' + i, PG);
		if (write(fd, page, PG) != (ssize_t)PG) fd = -1;
	}
	fstat(fd, &st);
	f = mmap(0, 2 * PG, PROT_READ, MAP_PRIVATE, fd, PG);
	close(fd);
	read_maps();
	m = f == MAP_FAILED ? 0 : at(f);
	check(m && exactly(f, 2 * PG, "r--p") && m->off == PG &&
		m->ino == st.st_ino && !strcmp(m->path, path) && f[0] == 'b',
		"maps: a file mapping at offset 4096 shows the offset, inode and path");
	snprintf(link, sizeof link, "/proc/self/map_files/%lx-%lx",
		(unsigned long)f, (unsigned long)f + 2 * PG);
	ssize_t n = readlink(link, target, sizeof target - 1);
	target[n > 0 ? n : 0] = 0;
	check(!strcmp(target, path), "map_files: the file mapping links to its file");

	r = mmap(0, PG, PROT_READ | PROT_WRITE | PROT_EXEC,
		MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	read_maps();
	check(r != MAP_FAILED && exactly(r, PG, "rwxs"),
		"maps: anonymous MAP_SHARED with PROT_EXEC is rwxs");
	unsigned char *r2 = mremap(r, PG, 64 * PG, MREMAP_MAYMOVE);
	read_maps();
	check(r2 != MAP_FAILED && exactly(r2, 64 * PG, "rwxs") &&
		(r2 == r || !at(r)), "maps: mremap to 64 pages moves or grows the line");

	unsigned long vsize = stat_vsize();
	read_maps();
	if (vsize != maps_total())
		printf("vsize %lu, mappings %lu\n", vsize, maps_total());
	check(vsize == maps_total(),
		"stat: vsize is the total of the mappings");

	pid_t pid = fork();
	if (pid == 0) {
		read_maps();
		int same = exactly(f, 2 * PG, "r--p");
		munmap(f, 2 * PG);
		read_maps();
		_exit(same && !at(f) ? 0 : 1);
	}
	int status = -1;
	waitpid(pid, &status, 0);
	read_maps();
	check(pid > 0 && WIFEXITED(status) && !WEXITSTATUS(status) &&
		exactly(f, 2 * PG, "r--p"),
		"maps: a forked child has the mappings; its munmap is its own");
	unlink(path);
	printf("%s maps: %d failures\n", fails ? "FAIL" : "PASS", fails);
	return fails != 0;
}
