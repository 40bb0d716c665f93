/* malloc, calloc, realloc and free of many sizes over the user-space mmap. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/mman.h>

static int fails;
#define CHECK(c) do { if (!(c)) { printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(seed + i * 7);
}

static int check(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i * 7)) return 0;
	return 1;
}

#define N 512

int main(void)
{
	static unsigned char *ptr[N];
	static size_t len[N];
	unsigned x = 12345;

	for (int round = 0; round < 6; round++) {
		for (int i = 0; i < N; i++) {
			x = x * 1103515245 + 12345;
			size_t n = (x >> 8) % (i % 16 == 0 ? 300000 : 2000) + 1;
			if (ptr[i]) {
				CHECK(check(ptr[i], len[i], i));
				if (x & 1) {
					unsigned char *q = realloc(ptr[i], n);
					CHECK(q != 0);
					CHECK(check(q, n < len[i] ? n : len[i], i));
					ptr[i] = q;
				} else {
					free(ptr[i]);
					ptr[i] = malloc(n);
					CHECK(ptr[i] != 0);
				}
			} else {
				ptr[i] = malloc(n);
				CHECK(ptr[i] != 0);
			}
			len[i] = n;
			fill(ptr[i], n, i);
			CHECK(((uintptr_t)ptr[i] & 15) == 0 || n < 16);
		}
	}
	for (int i = 0; i < N; i++) {
		CHECK(check(ptr[i], len[i], i));
		free(ptr[i]);
	}

	/* calloc returns zeros even for reused memory. */
	for (int i = 0; i < 50; i++) {
		size_t n = 1000 + i * 9000;
		unsigned char *p = malloc(n);
		memset(p, 0xa5, n);
		free(p);
		p = calloc(1, n);
		for (size_t j = 0; j < n; j++) if (p[j]) { CHECK(!"calloc zero"); break; }
		free(p);
	}

	/* Growing a big block: mremap, in place or moved. */
	unsigned char *big = malloc(200000);
	fill(big, 200000, 3);
	for (size_t n = 400000; n <= 16 << 20; n *= 2) {
		big = realloc(big, n);
		CHECK(big && check(big, 200000, 3));
	}
	free(big);

	/* mmap/munmap directly, MAP_FIXED and reuse. */
	unsigned char *m = mmap(0, 3 * 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED && ((uintptr_t)m & 4095) == 0);
	CHECK(m[0] == 0 && m[3 * 4096 - 1] == 0);
	memset(m, 1, 3 * 4096);
	CHECK(munmap(m + 4096, 4096) == 0);
	unsigned char *f = mmap(m + 4096, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0);
	CHECK(f == m + 4096 && f[0] == 0);
	CHECK(mmap(m, 4096, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED);
	CHECK(munmap(m, 3 * 4096) == 0);
	CHECK(mmap(0, 4096, PROT_READ, MAP_SHARED, 0, 0) == MAP_FAILED || 1);
	CHECK(mmap(0, 4096, PROT_READ|PROT_WRITE, MAP_SHARED, 3, 0) == MAP_FAILED);
	CHECK(sbrk(0) != (void *)-1);

	printf("malloc: %s (%d failures)\n", fails ? "FAIL" : "PASS", fails);
	return fails != 0;
}
