/*
 * Memory that programs rely on: a file mapped MAP_PRIVATE reads its
 * bytes and keeps its writes to itself (the file is unchanged); an
 * anonymous MAP_SHARED mapping written by one thread is read by another;
 * munmap gives the pages back (100 rounds of 1 MiB do not grow the
 * memory, and come back zeroed); MAP_FIXED inside a mapping replaces it
 * there; mprotect is accepted; mincore says mapped pages are resident
 * and fails on unmapped ones.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SIZE (3 * 4096 + 100)

static char *shared;
static pthread_barrier_t written;

static void *writer(void *arg)
{
	(void)arg;
	memset(shared, 'w', 8192);
	pthread_barrier_wait(&written);
	return 0;
}

static int fail(const char *what)
{
	printf("FAIL thread-mmap: %s\n", what);
	return 1;
}

int main(void)
{
	const char *path = "/tmp/thread-mmap.data";
	static char data[SIZE], back[SIZE];
	char *p, *q;
	size_t pages;
	pthread_t t;
	int fd, i;

	for (i = 0; i < SIZE; i++)
		data[i] = (char)(i * 7 + 1);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, data, SIZE) != SIZE) return fail("cannot write the file");
	p = mmap(0, SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) return fail("mmap of the file");
	if (memcmp(p, data, SIZE)) return fail("the mapping does not hold the file's bytes");
	for (i = SIZE; i < 4 * 4096; i++)
		if (p[i]) return fail("the end of the last page is not zero");
	memset(p, 'x', 4096);
	if (pread(fd, back, SIZE, 0) != SIZE || memcmp(back, data, SIZE))
		return fail("a write to a MAP_PRIVATE mapping reached the file");
	q = mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
	if (q == MAP_FAILED || memcmp(q, data + 4096, 4096))
		return fail("a mapping at an offset does not hold those bytes");
	if (mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) != MAP_FAILED)
		return fail("a writable MAP_SHARED file mapping was accepted");
	if (munmap(p, SIZE) || munmap(q, 4096)) return fail("munmap");
	close(fd);

	shared = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED) return fail("anonymous MAP_SHARED");
	pthread_barrier_init(&written, 0, 2);
	if (pthread_create(&t, 0, writer, 0)) return fail("pthread_create");
	pthread_barrier_wait(&written);
	pthread_join(t, 0);
	for (i = 0; i < 8192; i++)
		if (shared[i] != 'w') return fail("the other thread's writes are not seen");

	if (munmap(shared, 8192)) return fail("munmap of the shared mapping");
	pages = __builtin_wasm_memory_size(0);
	for (i = 0; i < 100; i++) {
		q = mmap(0, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (q == MAP_FAILED) return fail("mmap of 1 MiB");
		for (int k = 0; k < 1 << 20; k += 4096)
			if (q[k]) return fail("reused pages are not zeroed");
		memset(q, 'r', 1 << 20);
		if (munmap(q, 1 << 20)) return fail("munmap of 1 MiB");
	}
	if (__builtin_wasm_memory_size(0) > pages + 16)
		return fail("100 x mmap+munmap of 1 MiB grew the memory: pages not reused");
	q = mmap(0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (q == MAP_FAILED) return fail("mmap of 8 KiB");
	memset(q, 'a', 8192);
	p = mmap(q + 4096, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	if (p != q + 4096 || p[0] || q[0] != 'a')
		return fail("MAP_FIXED inside a mapping did not replace just that page");
	if (mprotect(q, 8192, PROT_READ)) return fail("mprotect");
	unsigned char vec[2] = { 0, 0 };
	if (mincore(q, 8192, vec) || vec[0] != 1 || vec[1] != 1)
		return fail("mincore of a mapping: not both pages resident");
	if (mincore(q + 1, 4096, vec) != -1 || errno != EINVAL)
		return fail("mincore of an unaligned address: not EINVAL");
	if (munmap(q + 4096, 4096)) return fail("munmap of a page");
	if (mincore(q, 8192, vec) != -1 || errno != ENOMEM)
		return fail("mincore over an unmapped page: not ENOMEM");
	printf("PASS thread-mmap: a private file mapping, anonymous memory shared "
	       "between threads, munmap's pages reused, MAP_FIXED, mincore\n");
	return 0;
}
