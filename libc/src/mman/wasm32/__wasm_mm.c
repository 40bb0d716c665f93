#define _GNU_SOURCE
#include <sys/mman.h>
#include <errno.h>
#include <string.h>
#include <stdint.h>
#include <limits.h>
#include "syscall.h"
#include "lock.h"

/*
 * brk, mmap2, munmap, mremap, madvise, mprotect, msync, mlock* and
 * mincore, served in the library (syscall_arch.h): the program's memory
 * is its own wasm linear memory, which the kernel does not manage.
 * Memory is handed out in PAGESIZE pages; new memory comes from
 * memory.grow at the end (wasm cannot shrink a memory); unmapped pages
 * are kept on a free list, sorted and merged, whose nodes live in the
 * free pages themselves.  mmap carves from the high end of the first
 * range that fits, so that brk, which starts at the bottom, can grow.
 *
 * The kernel is told of every change with the usual call (record()),
 * so that /proc/PID/maps shows the program's mappings: mmap2 with
 * MAP_FIXED of the pages chosen, munmap, mremap, mprotect (which only
 * changes what /proc/PID/maps says: wasm memory has no protection).
 * __wasm_mm_start() reports the memory the program starts with.
 *
 * The threads of a process share it all: one lock guards the list and
 * the bounds, and the reports, so that the kernel hears of changes in
 * the order they were made.  It is held only while they change, not
 * while pages are cleared, copied or read from a file (they are the
 * caller's by then); sys_* take it, the functions they call run under
 * it.  Not async-signal-safe (neither is mmap in POSIX): a handler that
 * the host runs between two instructions (user_abi.h), or at the return
 * of a report, can find the lock held by its own thread.
 */
#define PG PAGESIZE
#define WASM_PAGE 65536ULL
/* The memory may grow to 4 GiB; its last page is never handed out, so
 * that a mapping's end is a 32-bit address, as the kernel needs. */
#define MEMORY_MAX (1ULL << 32)
#define LIMIT (MEMORY_MAX - PG)

struct range {
	size_t len;
	struct range *next;
};

extern unsigned char __heap_base[], __global_base[], __data_end[];

static volatile int lock[1];
static struct range *free_list;
static uintptr_t base, cur_brk;
static unsigned long long top;
static int ready;

static void add_free(uintptr_t a, unsigned long long end);

/* Tells the kernel of a change (the call itself, not this library's). */
static long record(long n, long a, long b, long c, long d, long e, long f)
{
	return __wasm_linux_syscall(n, a, b, c, d, e, f);
}

#define RECORD_FLAGS (MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)

/*
 * The memory present at the first call is never handed out: beyond
 * __heap_base it holds what the host placed there before _start (the
 * argument block).  Only memory grown by us is managed.
 */
static void init(void)
{
	top = (unsigned long long)__builtin_wasm_memory_size(0) * WASM_PAGE;
	base = ((uintptr_t)__heap_base + PG-1) & -PG;
	if (top > base) base = top;
	cur_brk = base;
	ready = 1;
}

/* Removes [a, end) from the free list, whatever of it is there. */
static void take(uintptr_t a, unsigned long long end)
{
	struct range **pp = &free_list, *r;
	while ((r = *pp)) {
		uintptr_t s = (uintptr_t)r;
		unsigned long long e = s + (unsigned long long)r->len;
		if (e <= a) { pp = &r->next; continue; }
		if (s >= end) break;
		struct range *next = r->next;
		if (end < e) {
			struct range *t = (void *)(uintptr_t)end;
			t->len = e - end;
			t->next = next;
			next = t;
		}
		if (s < a) {
			r->len = a - s;
			r->next = next;
			pp = &r->next;
		} else {
			*pp = next;
		}
	}
}

/* Adds [a, end), which must not be on the list, merging neighbours. */
static void add_free(uintptr_t a, unsigned long long end)
{
	struct range **pp = &free_list, *r, *prev = 0;
	while ((r = *pp) && (uintptr_t)r < a) {
		prev = r;
		pp = &r->next;
	}
	if (r && (uintptr_t)r == end) {
		end += r->len;
		r = r->next;
	}
	if (prev && (uintptr_t)prev + prev->len == a) {
		prev->len = end - (uintptr_t)prev;
		prev->next = r;
		return;
	}
	struct range *n = (void *)a;
	n->len = end - a;
	n->next = r;
	*pp = n;
}

static void release(uintptr_t a, unsigned long long end)
{
	take(a, end);
	add_free(a, end);
}

/* Grows the memory so that it ends at or beyond end.  Only this code
 * grows it, under the lock, so top is its size. */
static int grow(unsigned long long end)
{
	unsigned long long old = top, pages;
	if (end <= top) return 0;
	if (end > LIMIT) return -ENOMEM;
	pages = (end - top + WASM_PAGE-1) / WASM_PAGE;
	if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1)
		return -ENOMEM;
	top += pages * WASM_PAGE;
	add_free(old, top < LIMIT ? top : LIMIT);
	return 0;
}

/* Whether [a, end) is free, counting what lies beyond the memory's end. */
static int is_free(uintptr_t a, unsigned long long end)
{
	struct range *r;
	if (a < base || end > LIMIT) return 0;
	if (a >= top) return 1;
	if (end > top) end = top;
	for (r = free_list; r && (uintptr_t)r <= a; r = r->next)
		if ((uintptr_t)r + (unsigned long long)r->len >= end) return 1;
	return 0;
}

/* Finds len bytes, growing the memory if nothing fits; 0 if impossible. */
static uintptr_t find(size_t len)
{
	struct range *r, *last = 0;
	for (r = free_list; r; last = r, r = r->next)
		if (r->len >= len) break;
	if (!r) {
		unsigned long long have = 0;
		if (last && (uintptr_t)last + (unsigned long long)last->len == top)
			have = last->len;
		if (grow(top + len - have)) return 0;
		for (r = free_list; r->next; r = r->next);
	}
	uintptr_t a = (uintptr_t)r + r->len - len;
	take(a, (unsigned long long)a + len);
	return a;
}

/* Called locked; the pages that *clear says are the caller's to zero. */
static long do_brk(uintptr_t want, uintptr_t *clear, size_t *clear_len)
{
	uintptr_t old_end = (cur_brk + PG-1) & -PG;
	unsigned long long new_end = ((unsigned long long)want + PG-1) & -PG;
	if (want < base) return cur_brk;
	if (new_end > old_end) {
		if (!is_free(old_end, new_end) || grow(new_end)) return cur_brk;
		if (record(SYS_mmap2, old_end, new_end - old_end,
			PROT_READ|PROT_WRITE, RECORD_FLAGS, -1, 0) < 0)
			return cur_brk;
		take(old_end, new_end);
		*clear = old_end;
		*clear_len = new_end - old_end;
	} else if (new_end < old_end) {
		record(SYS_munmap, new_end, old_end - new_end, 0, 0, 0, 0);
		release(new_end, old_end);
	}
	return cur_brk = want;
}

static long sys_brk(uintptr_t want)
{
	uintptr_t clear = 0;
	size_t clear_len = 0;
	long r;

	LOCK(lock);
	r = do_brk(want, &clear, &clear_len);
	UNLOCK(lock);
	memset((void *)clear, 0, clear_len);
	return r;
}

/* Called locked: the pages of a new mapping of len bytes (at a, if
 * fixed), or -errno. */
static long reserve(uintptr_t a, size_t len, int flags)
{
	unsigned long long end = (unsigned long long)a + len;
	if (!(flags & (MAP_FIXED|MAP_FIXED_NOREPLACE)))
		return (a = find(len)) ? a : -ENOMEM;
	if (a & (PG-1) || a < base || end > LIMIT) return -EINVAL;
	if ((flags & MAP_FIXED_NOREPLACE) && !is_free(a, end))
		return -EEXIST;
	if (grow(end)) return -ENOMEM;
	take(a, end);
	return a;
}

static long sys_mmap(uintptr_t a, size_t len, int prot, int flags, int fd, unsigned long pgoff)
{
	int shared = (flags & MAP_TYPE) != MAP_PRIVATE;
	long r;

	if (!len || len > LIMIT - PG) return -EINVAL;
	/* as Linux with no huge pages reserved, its default */
	if (flags & MAP_HUGETLB) return -ENOMEM;
	len = (len + PG-1) & -PG;
	/* A file's shared mapping would need the kernel's page cache in
	 * our memory; a read-only one is indistinguishable from a copy,
	 * barring later writes to the file by others. */
	if (!(flags & MAP_ANONYMOUS) && shared && (prot & PROT_WRITE))
		return -ENODEV;
	LOCK(lock);
	r = reserve(a, len, flags);
	if ((unsigned long)r <= -4096UL) {
		long e = record(SYS_mmap2, r, len, prot,
			flags & ~MAP_FIXED_NOREPLACE | MAP_FIXED, fd, pgoff);
		if (e < 0) {
			release(r, (unsigned long long)r + len);
			r = e;
		}
	}
	UNLOCK(lock);
	if ((unsigned long)r > -4096UL) return r;
	a = r;
	memset((void *)a, 0, len);
	if (!(flags & MAP_ANONYMOUS)) {
		unsigned long long off = (unsigned long long)pgoff * 4096;
		size_t done = 0;
		while (done < len) {
			r = __syscall(SYS_pread64, fd, (char *)a + done,
				len - done, __SYSCALL_LL_PRW(off + done));
			if (r == -EINTR) continue;
			if (r < 0) {
				LOCK(lock);
				record(SYS_munmap, a, len, 0, 0, 0, 0);
				release(a, (unsigned long long)a + len);
				UNLOCK(lock);
				return r == -EISDIR ? -ENODEV : r;
			}
			if (!r) break;
			done += r;
		}
	}
	return a;
}

static long sys_munmap(uintptr_t a, size_t len)
{
	unsigned long long end = (unsigned long long)a + ((len + PG-1) & -PG);
	if (a & (PG-1) || !len || end > LIMIT) return -EINVAL;
	LOCK(lock);
	if (a < base) {
		UNLOCK(lock);
		return -EINVAL;
	}
	if (end > top) end = top;
	if (a < end) {
		record(SYS_munmap, a, end - a, 0, 0, 0, 0);
		release(a, end);
	}
	UNLOCK(lock);
	return 0;
}

/* Called locked, with the sizes rounded up in place.  A move leaves the
 * old pages to the caller to copy from and release (*moved); new pages
 * are the caller's to zero. */
static long do_mremap(uintptr_t a, size_t *oldp, size_t *lenp, int flags,
	int *moved)
{
	unsigned long long end;
	size_t old = *oldp, len = *lenp;
	if (a & (PG-1) || !len || len > LIMIT - PG || a < base) return -EINVAL;
	if (flags & ~MREMAP_MAYMOVE) return -EINVAL;
	*oldp = old = (old + PG-1) & -PG;
	*lenp = len = (len + PG-1) & -PG;
	if (len <= old) {
		if (len < old) {
			record(SYS_mremap, a, old, len, 0, 0, 0);
			release(a + len, (unsigned long long)a + old);
		}
		return a;
	}
	end = (unsigned long long)a + len;
	if (is_free(a + old, end) && !grow(end)) {
		long e = record(SYS_mremap, a, old, len, 0, 0, 0);
		if (e < 0) return e;
		take(a + old, end);
		return a;
	}
	if (!(flags & MREMAP_MAYMOVE)) return -ENOMEM;
	uintptr_t n = find(len);
	if (!n) return -ENOMEM;
	long e = record(SYS_mremap, a, old, len,
		MREMAP_MAYMOVE|MREMAP_FIXED, n, 0);
	if (e < 0) {
		release(n, (unsigned long long)n + len);
		return e;
	}
	*moved = 1;
	return n;
}

static long sys_mremap(uintptr_t a, size_t old, size_t len, int flags)
{
	int moved = 0;
	long r;

	LOCK(lock);
	r = do_mremap(a, &old, &len, flags, &moved);
	UNLOCK(lock);
	if ((unsigned long)r > -4096UL || len <= old) return r;
	if (moved) memcpy((void *)r, (void *)a, old);
	memset((void *)(r + old), 0, len - old);
	/* (the kernel has forgotten the old pages since the move) */
	if (moved) {
		LOCK(lock);
		release(a, (unsigned long long)a + old);
		UNLOCK(lock);
	}
	return r;
}

/*
 * Called locked: whether [a, end) is all mapped.  Mapped are the pages
 * from the program's data (below them, the host keeps NULL's page
 * unmapped) up to base (data, stack, the host's argument block) and
 * those handed out; the free ones and those beyond the memory's end are
 * not.
 */
static int mapped(uintptr_t a, unsigned long long end)
{
	struct range *r;

	if (a < (uintptr_t)__global_base || end > top) return 0;
	for (r = free_list; r && (uintptr_t)r < end; r = r->next)
		if ((uintptr_t)r + (unsigned long long)r->len > a) return 0;
	return 1;
}

/* Every page of the memory is resident (wasm memory is never paged out
 * or allocated on demand). */
static long sys_mincore(uintptr_t a, size_t len, unsigned char *vec)
{
	unsigned long long end = (unsigned long long)a + len + PG-1 & -PG;
	int in, out;

	if (a & (PG-1)) return -EINVAL;
	if (!len) return 0;
	len = (end - a) / PG;
	LOCK(lock);
	in = mapped(a, end);
	out = mapped((uintptr_t)vec, (unsigned long long)(uintptr_t)vec + len);
	UNLOCK(lock);
	if (!in) return -ENOMEM;
	if (!out) return -EFAULT;
	memset(vec, 1, len);
	return 0;
}

/*
 * The memory the program starts with, as the host laid it out: its data
 * and bss, from its file; then its stack, and above that the arguments
 * (where the kernel's mm->start_stack points: "[stack]" in
 * /proc/PID/maps).  _start calls this first of all.
 */
hidden void __wasm_mm_start(void)
{
	uintptr_t data = (uintptr_t)__global_base;
	uintptr_t data_end = ((uintptr_t)__data_end + PG-1) & -PG;

	init();
	if (data_end > data)
		record(SYS_mmap2, data, data_end - data, PROT_READ|PROT_WRITE,
			MAP_PRIVATE|MAP_FIXED|MAP_EXECUTABLE, -1, 0);
	if (base > data_end)
		record(SYS_mmap2, data_end, base - data_end,
			PROT_READ|PROT_WRITE,
			RECORD_FLAGS|MAP_STACK|MAP_GROWSDOWN, -1, 0);
}

/*
 * fork holds the lock (__wasm_fork.c), so that the child's copy of the
 * list is whole and its lock free.
 */
hidden void __wasm_mm_lock(int take)
{
	if (take) LOCK(lock);
	else UNLOCK(lock);
}

hidden long __wasm_mm_syscall(long n, long a, long b, long c, long d, long e, long f)
{
	int in;

	LOCK(lock);
	if (!ready) init();
	UNLOCK(lock);
	switch (n) {
	case SYS_brk:
		return sys_brk(a);
	case SYS_mmap2:
		return sys_mmap(a, b, c, d, e, f);
	case SYS_munmap:
		return sys_munmap(a, b);
	case SYS_mremap:
		return sys_mremap(a, b, c, d);
	case SYS_madvise:
		/* Private anonymous memory reads back as zeros after this. */
		LOCK(lock);
		in = (unsigned long)a >= base && (unsigned long long)a + b <= top;
		UNLOCK(lock);
		if (c == MADV_DONTNEED && in)
			memset((void *)a, 0, b);
		return 0;
	case SYS_mprotect:
		/* wasm memory has no protection: the kernel only records it
		 * (and refuses pages that are not mapped). */
		LOCK(lock);
		in = record(SYS_mprotect, a, b, c, 0, 0, 0);
		UNLOCK(lock);
		return in;
	case SYS_msync:
		/* Mappings are private copies: nothing to write back. */
		return a & (PG-1) ? -EINVAL : 0;
	case SYS_mincore:
		return sys_mincore(a, b, (unsigned char *)c);
	case SYS_mlock: case SYS_munlock: case SYS_mlockall: case SYS_munlockall:
		/* Nothing is ever paged out. */
		return 0;
	}
	return -ENOSYS;
}
