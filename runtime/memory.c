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

void wasm_rt_allocate_memory(wasm_rt_memory_t *mem, uint32_t initial,
			     uint32_t max)
{
	/* (the kernel's memory is made first, before a thread can grow one) */
	if (!grow_lock)
		grow_lock = plat_mutex_new();
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
	size_t i;

	if (!size || !b.size)
		return 0;
	if (!lock)
		lock = plat_mutex_new();
	plat_mutex_lock(lock);
	for (i = 0; i < nfree && free_blocks[i].size < b.size; i++)
		;
	if (i < nfree) {
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
