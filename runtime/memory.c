/*
 * Linear memory.  The whole 32-bit space plus the largest offset
 * (WL_MEM_RESERVE) is reserved up front and never moves, so threads may
 * keep pointers into it; growing only makes more of it accessible.
 * Out-of-bounds accesses hit inaccessible pages and become traps (see
 * wasm-rt.c).
 *
 * The threads of a process share its memory and may grow it at once:
 * growing is locked, and the new size is published only once the pages
 * are accessible (the atomic helpers of atomics.c read it as they run).
 *
 * Blocks handed to the kernel (its RAM) and to threads (shadow stacks)
 * come from above the module's initial memory; their bookkeeping stays on
 * the host, where the kernel cannot corrupt it.
 */
#include <stdlib.h>
#include <string.h>

#include "atomics.h"
#include "internal.h"

/* The kernel's memory; each user program has an env of its own (user.c). */
struct Z_env_instance_t wl_env;

struct block {
	uint32_t addr, size;
};

static struct plat_mutex *lock, *grow_lock;
static struct block *free_blocks, *used_blocks;
static size_t nfree, nused, cap_free, cap_used;

/* Whether the k bytes at p are all zeros (memcmp is the fast loop). */
bool wl_zeros(const uint8_t *p, size_t k)
{
	static const uint8_t zero[PLAT_PAGE];
	size_t n;

	for (; k; p += n, k -= n) {
		n = k < sizeof(zero) ? k : sizeof(zero);
		if (memcmp(p, zero, n))
			return false;
	}
	return true;
}

/*
 * Memories of programs that ended, kept for the next program or fork: a
 * page that the host allocated once costs nothing more, while faulting
 * it in again costs more than clearing it.  At most POOL_MAX memories of
 * at most POOL_BYTES in all are kept, each cleared by the thread that
 * gives it back; the next user gets its first pages, and the others are
 * given back to the host.
 */
#define POOL_MAX	8
#define POOL_BYTES	(64ull << 20)

struct pooled {
	uint8_t *data;
	uint32_t pages;		/* accessible (and maybe allocated) ones */
};

static struct plat_mutex *pool_lock;
static struct pooled pool[POOL_MAX];
/* (clearing: memories on their way in, whose room is taken) */
static size_t npool, clearing;
static uint64_t pool_bytes;

/* Clears the pages of [p, p + size) that the host allocated. */
static void clear_allocated(uint8_t *p, size_t size)
{
	enum { CHUNK = 256 };
	unsigned char vec[CHUNK];
	size_t off, i, n;

	for (off = 0; off < size; off += n) {
		n = size - off < CHUNK * PLAT_PAGE ? size - off : CHUNK * PLAT_PAGE;
		plat_resident(p + off, n, vec);
		for (i = 0; i * PLAT_PAGE < n; i++) {
			uint8_t *q = p + off + i * PLAT_PAGE;

			/* (a page that was only read is the host's zero page) */
			if (vec[i] && !wl_zeros(q, PLAT_PAGE))
				memset(q, 0, PLAT_PAGE);
		}
	}
}

/* Keeps @mem for a later memory, if there is room. */
static bool pool_put(wasm_rt_memory_t *mem)
{
	uint64_t bytes = (uint64_t)mem->pages * WL_PAGE;
	bool room;

	if (bytes > POOL_BYTES / 4)
		return false;
	plat_mutex_lock(pool_lock);
	room = npool + clearing < POOL_MAX && pool_bytes + bytes <= POOL_BYTES;
	if (room) {
		clearing++;
		pool_bytes += bytes;
	}
	plat_mutex_unlock(pool_lock);
	if (!room)
		return false;
	/* (the NULL guard of a program's memory is read-only) */
	room = plat_commit(mem->data, bytes);
	if (room)
		clear_allocated(mem->data, bytes);
	plat_mutex_lock(pool_lock);
	clearing--;
	if (room) {
		pool[npool].data = mem->data;
		pool[npool++].pages = mem->pages;
	} else {
		pool_bytes -= bytes;
	}
	plat_mutex_unlock(pool_lock);
	return room;
}

/*
 * A kept memory, or NULL: its first @initial pages accessible, up to
 * @keep still allocated but inaccessible, the others given back.
 */
static uint8_t *pool_take(uint32_t initial, uint32_t keep)
{
	struct pooled e = { NULL, 0 };

	if (keep < initial)
		keep = initial;
	plat_mutex_lock(pool_lock);
	if (npool) {
		e = pool[--npool];
		pool_bytes -= (uint64_t)e.pages * WL_PAGE;
	}
	plat_mutex_unlock(pool_lock);
	if (!e.data)
		return NULL;
	if ((e.pages > keep &&
	     !plat_decommit(e.data + (uint64_t)keep * WL_PAGE,
			    (uint64_t)(e.pages - keep) * WL_PAGE)) ||
	    (e.pages > initial &&
	     !plat_protect(e.data + (uint64_t)initial * WL_PAGE,
			   (uint64_t)((e.pages < keep ? e.pages : keep) - initial) *
			   WL_PAGE))) {
		plat_release(e.data, WL_MEM_RESERVE);
		return NULL;
	}
	return e.data;
}

/*
 * A program's memory, with @initial pages; a fork's child grows it to
 * @pages at once.  false if the host has no room for it.
 */
bool wl_mem_new_user(wasm_rt_memory_t *mem, uint32_t initial, uint32_t pages,
		     uint32_t max)
{
	mem->data = pool_take(initial, pages);
	if (!mem->data)
		mem->data = plat_reserve(WL_MEM_RESERVE);
	if (!mem->data)
		return false;
	mem->pages = 0;
	mem->size = 0;
	mem->max_pages = max;
	if (wasm_rt_grow_memory(mem, initial) == (uint32_t)-1) {
		plat_release(mem->data, WL_MEM_RESERVE);
		mem->data = NULL;
		return false;
	}
	return true;
}

void wasm_rt_allocate_memory(wasm_rt_memory_t *mem, uint32_t initial,
			     uint32_t max)
{
	/* (the kernel's memory is made first, before a thread can grow one) */
	if (!grow_lock) {
		grow_lock = plat_mutex_new();
		pool_lock = plat_mutex_new();
	}
	mem->data = plat_reserve(WL_MEM_RESERVE);
	if (!mem->data)
		wl_die(1, "cannot reserve %llu GiB of address space for a "
		       "wasm memory (is ulimit -v set?)", WL_MEM_RESERVE >> 30);
	mem->pages = 0;
	mem->size = 0;
	mem->max_pages = max;
	if (wasm_rt_grow_memory(mem, initial) == (uint32_t)-1)
		wl_die(1, "cannot commit a wasm memory's initial pages");
}

uint32_t wasm_rt_grow_memory(wasm_rt_memory_t *mem, uint32_t delta)
{
	uint32_t old;
	uint64_t pages;
	/* (a signal handler of a program must not run with the lock held) */
	bool was = wl_user_defer_interrupts();

	plat_mutex_lock(grow_lock);
	old = mem->pages;
	pages = (uint64_t)old + delta;
	if (pages > mem->max_pages || pages > 65536 ||
	    (delta && !plat_commit(mem->data + (uint64_t)old * WL_PAGE,
				   (uint64_t)delta * WL_PAGE))) {
		plat_mutex_unlock(grow_lock);
		wl_user_allow_interrupts(was);
		return (uint32_t)-1;
	}
	/*
	 * The translated code reads size without atomics: a word that is
	 * written whole, old or new, and either one is within the pages.
	 */
	__atomic_store_n(&mem->size, pages == 65536 ? 0xffffffffu :
			 (uint32_t)(pages * WL_PAGE), __ATOMIC_RELEASE);
	__atomic_store_n(&mem->pages, (uint32_t)pages, __ATOMIC_RELEASE);
	if (mem == &wl_env.memory &&
	    (uint64_t)pages * WL_PAGE > wl_stats.peak_memory)
		wl_stats.peak_memory = (unsigned long)(pages * WL_PAGE);
	plat_mutex_unlock(grow_lock);
	wl_user_allow_interrupts(was);
	return old;
}

void wasm_rt_free_memory(wasm_rt_memory_t *mem)
{
	if (!pool_put(mem))
		plat_release(mem->data, WL_MEM_RESERVE);
	mem->data = NULL;
}

/* The memory a module imports as "env" "memory". */
wasm_rt_memory_t *Z_envZ_memory(struct Z_env_instance_t *env)
{
	return &env->memory;
}

/* NULL pointers in kernel code trap instead of reading data. */
void wl_mem_protect_low(void)
{
	if (!plat_protect(wl_env.memory.data, WL_NULL_GUARD))
		wl_die(1, "cannot protect low memory");
}

static void push(struct block **v, size_t *n, size_t *cap, struct block b)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = realloc(*v, *cap * sizeof(**v));
		if (!*v)
			wl_die(1, "out of host memory");
	}
	(*v)[(*n)++] = b;
}

uint32_t wl_mem_alloc(uint32_t size)
{
	wasm_rt_memory_t *mem = &wl_env.memory;
	struct block b = { 0, (size + WL_PAGE - 1) & ~(WL_PAGE - 1) };
	bool reused;
	size_t i;

	if (!size || !b.size)
		return 0;
	if (!lock)
		lock = plat_mutex_new();
	plat_mutex_lock(lock);
	for (i = 0; i < nfree && free_blocks[i].size < b.size; i++)
		;
	reused = i < nfree;
	if (reused) {
		b.addr = free_blocks[i].addr;
		free_blocks[i].addr += b.size;
		free_blocks[i].size -= b.size;
		if (!free_blocks[i].size)
			free_blocks[i] = free_blocks[--nfree];
	} else {
		uint32_t old = wasm_rt_grow_memory(mem, b.size / WL_PAGE);

		if (old == (uint32_t)-1) {
			plat_mutex_unlock(lock);
			return 0;
		}
		b.addr = old * WL_PAGE;
	}
	push(&used_blocks, &nused, &cap_used, b);
	plat_mutex_unlock(lock);
	/*
	 * Pages the memory has just grown by are the host's fresh zero pages:
	 * clearing them would only fault in all of them at once (the kernel's
	 * RAM: half a second of the boot at mem=1G).
	 */
	if (reused)
		memset(wl_ptr(b.addr), 0, b.size);
	return b.addr;
}

void wl_mem_free(uint32_t addr)
{
	size_t i;

	plat_mutex_lock(lock);
	for (i = 0; i < nused && used_blocks[i].addr != addr; i++)
		;
	if (i == nused) {
		plat_mutex_unlock(lock);
		wl_die(3, "kernel freed memory it was not given: %#x", addr);
	}
	push(&free_blocks, &nfree, &cap_free, used_blocks[i]);
	used_blocks[i] = used_blocks[--nused];
	plat_mutex_unlock(lock);
}
