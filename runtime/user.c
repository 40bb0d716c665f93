/*
 * User programs (<asm/user_abi.h>).  An executed module is found by its
 * content among the programs built in (wl_programs, generated), or else
 * translated on demand (translate.c); either is an image.  Each process
 * memory is a wasm memory of its own with the program's instance; the
 * kernel reaches it only through the copies below.
 *
 * A thread that runs user code keeps a base frame (set by its first
 * user_run) to which a later execve unwinds, and to which a trap in the
 * program jumps before the kernel is told.  The first thread of a process
 * runs the instance made with its memory; each later thread of the
 * process (user_thread_run) runs an instance of its own over that memory,
 * with its own globals (stack pointer, TLS base) and table.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <asm/unistd_32.h>
#include <asm/user_abi.h>

#include "atomics.h"
#include "internal.h"
#include "linux-abi.h"
#include "user.h"

/*
 * How soon an interrupt that found no place for a handler comes again,
 * and how many times, before the handler runs anyway: one that does not
 * longjmp runs well anywhere, and the program may wait for it.
 */
#define WL_INTERRUPT_RETRY_NS	1000000
#define WL_INTERRUPT_PATIENCE	20

_Thread_local struct user_thread ut;

static struct plat_mutex *lock;
/* Images, by handle - 1: programs and whether their module is set up. */
static struct image {
	const struct wl_program *prog;
	bool ready;
} *images;
static u32 nimages, images_size;

void wl_user_init(void)
{
	lock = plat_mutex_new();
	wl_translate_init();
}

/*
 * FNV-1a over 64-bit little-endian words in four lanes (word i goes to
 * lane i % 4, so that the multiplications do not wait for each other:
 * every exec hashes its program), the lanes folded in order, then the
 * tail; the build computes the same (tools/w2c-program.py).  In parts:
 * the whole words of each, then the last part's tail.
 */
#define HASH_PRIME	0x100000001b3ull

struct hash {
	uint64_t lane[4];
	size_t words;
};

static void hash_start(struct hash *h, size_t n)
{
	for (int k = 0; k < 4; k++)
		h->lane[k] = (0xcbf29ce484222325ull ^ n) + k;
	h->words = 0;
}

static void hash_words(struct hash *h, const uint8_t *p, size_t n)
{
	size_t i = 0;
	uint64_t w;

	for (; i + 8 <= n && h->words % 4; i += 8, h->words++) {
		memcpy(&w, p + i, 8);
		h->lane[h->words % 4] = (h->lane[h->words % 4] ^ w) * HASH_PRIME;
	}
	for (; i + 32 <= n; i += 32, h->words += 4) {
		uint64_t v[4];

		memcpy(v, p + i, 32);
		for (int k = 0; k < 4; k++)
			h->lane[k] = (h->lane[k] ^ v[k]) * HASH_PRIME;
	}
	for (; i + 8 <= n; i += 8, h->words++) {
		memcpy(&w, p + i, 8);
		h->lane[h->words % 4] = (h->lane[h->words % 4] ^ w) * HASH_PRIME;
	}
}

static uint64_t hash_end(const struct hash *h, const uint8_t *p, size_t n)
{
	uint64_t v = h->lane[0], w = 0;

	for (int k = 1; k < 4; k++)
		v = (v ^ h->lane[k]) * HASH_PRIME;
	memcpy(&w, p + n / 8 * 8, n % 8);
	return (v ^ w) * HASH_PRIME;
}

uint64_t wl_program_hash(const uint8_t *p, size_t n)
{
	struct hash h;

	hash_start(&h, n);
	hash_words(&h, p, n);
	return hash_end(&h, p, n);
}

/*
 * A module as user_image has it: nseg (address, length) pairs at segs,
 * every length but the last a multiple of 8.  Its length and hash, or
 * false if a segment is not in kernel memory.
 */
static bool module_hash(u32 segs, u32 nseg, size_t *len, uint64_t *hash)
{
	uint32_t seg[2] = { 0, 0 };
	struct hash h;

	if ((uint64_t)segs + 8ull * nseg > wl_env.memory.size)
		return false;
	*len = 0;
	for (u32 i = 0; i < nseg; i++) {
		memcpy(seg, wl_ptr(segs + 8 * i), sizeof(seg));
		if ((uint64_t)seg[0] + seg[1] > wl_env.memory.size ||
		    (i + 1 < nseg && seg[1] % 8))
			return false;
		*len += seg[1];
	}
	hash_start(&h, *len);
	for (u32 i = 0; i < nseg; i++) {
		memcpy(seg, wl_ptr(segs + 8 * i), sizeof(seg));
		hash_words(&h, wl_ptr(seg[0]), seg[1]);
	}
	*hash = hash_end(&h, wl_ptr(seg[0]), seg[1]);
	return true;
}

/* The module's bytes in one block of host memory (free() it), or NULL. */
static uint8_t *module_bytes(u32 segs, u32 nseg, size_t len)
{
	uint8_t *module = malloc(len ? len : 1);
	uint32_t seg[2];
	size_t off = 0;

	for (u32 i = 0; module && i < nseg; i++) {
		memcpy(seg, wl_ptr(segs + 8 * i), sizeof(seg));
		memcpy(module + off, wl_ptr(seg[0]), seg[1]);
		off += seg[1];
	}
	return module;
}

/* The image of prog (the same one each time), or 0. */
static u32 image_of(const struct wl_program *prog)
{
	u32 i;

	plat_mutex_lock(lock);
	for (i = 0; i < nimages && images[i].prog != prog; i++)
		;
	if (i == nimages) {
		if (nimages == images_size) {
			u32 n = images_size ? 2 * images_size : 16;
			struct image *p = realloc(images, n * sizeof(*p));

			if (!p) {
				plat_mutex_unlock(lock);
				return 0;
			}
			images = p;
			images_size = n;
		}
		images[nimages++] = (struct image){ prog, false };
	}
	plat_mutex_unlock(lock);
	return i + 1;
}

/*
 * The programs of the last files executed, by the id the kernel gives for
 * a file's contents (user_image in host_ops.h), so that executing one
 * again does not hash it again.  Replaced in turn; under lock.
 */
#define ID_MAX		64
#define ID_SLOTS	32

static struct {
	uint8_t id[ID_MAX];
	u32 len;
	const struct wl_program *prog;
} ids[ID_SLOTS];
static u32 ids_next;

static const struct wl_program *id_find(const uint8_t *id, u32 len)
{
	const struct wl_program *prog = NULL;

	plat_mutex_lock(lock);
	for (u32 i = 0; i < ID_SLOTS && !prog; i++)
		if (ids[i].prog && ids[i].len == len && !memcmp(ids[i].id, id, len))
			prog = ids[i].prog;
	plat_mutex_unlock(lock);
	return prog;
}

static void id_keep(const uint8_t *id, u32 len, const struct wl_program *prog)
{
	plat_mutex_lock(lock);
	memcpy(ids[ids_next].id, id, len);
	ids[ids_next].len = len;
	ids[ids_next].prog = prog;
	ids_next = (ids_next + 1) % ID_SLOTS;
	plat_mutex_unlock(lock);
}

/*
 * Called with the CPU let go (a translation takes seconds): it touches
 * only the module's bytes, its id, the path and the reason buffer, which
 * belong to the executing task.
 */
u32 Z_hostZ_user_image(wl_ctx *ctx, u32 segs, u32 nseg, u32 name, u32 why,
			u32 why_size, u32 id_addr, u32 id_len)
{
	const struct wl_program *prog = NULL;
	const uint8_t *id = NULL;
	uint8_t *module;
	char path[256];
	uint64_t h;
	size_t len;

	(void)ctx;
	if (id_len && id_len <= ID_MAX &&
	    (uint64_t)id_addr + id_len <= wl_env.memory.size) {
		id = wl_ptr(id_addr);
		prog = id_find(id, id_len);
		if (prog)
			return image_of(prog);
	}
	if (!module_hash(segs, nseg, &len, &h)) {
		snprintf(wl_ptr(why), why_size, "its bytes are not in kernel memory");
		return 0;
	}
	for (u32 i = 0; wl_programs[i] && !prog; i++)
		if (wl_programs[i]->size == len && wl_programs[i]->hash == h)
			prog = wl_programs[i];
	if (!prog) {
		snprintf(path, sizeof(path), "%s", (const char *)wl_ptr(name));
		module = module_bytes(segs, nseg, len);
		if (!module) {
			snprintf(wl_ptr(why), why_size, "out of host memory");
			return 0;
		}
		prog = wl_translated(module, len, h, path, wl_ptr(why),
				     why_size);
		free(module);
	}
	if (prog && id)
		id_keep(id, id_len, prog);
	return prog ? image_of(prog) : 0;
}

static wl_umem *umem_get(u32 mem)
{
	return wl_handle_get(WL_UMEM, mem);
}

static void inst_free(const struct wl_program *prog, void *inst)
{
	prog->free(inst);
	free(inst);
}

void wl_umem_destroy(wl_umem *m)
{
	inst_free(m->prog, m->inst);
	wasm_rt_free_memory(&m->env.memory);
	if (m->handle)
		wl_handle_free(m->handle);
	free(m);
}

static void umem_put(wl_umem *m)
{
	int refs;

	plat_mutex_lock(lock);
	refs = --m->refs;
	plat_mutex_unlock(lock);
	if (!refs)
		wl_umem_destroy(m);
}

/*
 * Instantiating writes the module's data and element segments, which may
 * lie outside its memory or table: that trap, on the kernel's side of the
 * thread, fails the new process memory instead of the kernel.
 */
static _Thread_local plat_jmp_buf *instantiating;

static bool instantiate(wl_umem *m, void *inst)
{
	plat_jmp_buf jb;

	if (plat_setjmp(jb)) {
		instantiating = NULL;
		return false;
	}
	instantiating = &jb;
	m->prog->instantiate(inst, &m->env, m);
	instantiating = NULL;
	return true;
}

/*
 * A memory of pages wasm pages for the program of image, with an instance
 * over it, or NULL.  A trap in instantiating (past execve's point of no
 * return) makes the process die with SIGSEGV.
 */
wl_umem *wl_umem_new(u32 image, u32 pages)
{
	const struct wl_program *prog;
	wasm_rt_memory_t *mem;
	wl_umem *m;

	plat_mutex_lock(lock);
	prog = images[image - 1].prog;
	if (!images[image - 1].ready) {
		prog->init_module();
		images[image - 1].ready = true;
	}
	plat_mutex_unlock(lock);

	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	m->inst = calloc(1, prog->instance_size);
	if (!m->inst) {
		free(m);
		return NULL;
	}
	m->prog = prog;
	m->image = image;
	m->refs = 1;
	mem = &m->env.memory;
	if (!wl_mem_new_user(mem, prog->initial_pages, pages, prog->max_pages)) {
		free(m->inst);
		free(m);
		return NULL;
	}
	if (!instantiate(m, m->inst)) {
		wl_umem_destroy(m);
		return NULL;
	}
	/*
	 * Stores through NULL trap, below the program's first data.  Loads
	 * read zeros: a variadic call without variadic arguments passes a
	 * NULL argument area, which fcntl() and ioctl() read all the same.
	 */
	if (prog->null_guard)
		plat_protect_writes(mem->data, prog->null_guard);
	if (pages > mem->pages &&
	    wasm_rt_grow_memory(mem, pages - mem->pages) == (uint32_t)-1) {
		wl_umem_destroy(m);
		return NULL;
	}
	m->handle = wl_handle_new(WL_UMEM, m);
	return m;
}

u32 Z_hostZ_user_mem_create(wl_ctx *ctx, u32 image, u32 args_size,
			    u32 args_ptr)
{
	u32 extra = (args_size + WL_PAGE - 1) / WL_PAGE;
	wl_umem *m;

	(void)ctx;
	/* (the initial memory, then the arguments' pages) */
	m = wl_umem_new(image, 0);
	if (!m)
		return 0;
	*(uint32_t *)wl_ptr(args_ptr) = m->env.memory.pages * WL_PAGE;
	if (wasm_rt_grow_memory(&m->env.memory, extra) == (uint32_t)-1) {
		umem_put(m);
		return 0;
	}
	return m->handle;
}

void Z_hostZ_user_mem_free(wl_ctx *ctx, u32 mem)
{
	(void)ctx;
	umem_put(umem_get(mem));
}

/*
 * Bytes of [uaddr, uaddr + len) that cannot be copied: past the end of
 * the memory, or all of them if it starts in the NULL guard.
 */
u32 wl_umem_beyond(wl_umem *m, u32 uaddr, u32 len)
{
	uint64_t end = (uint64_t)uaddr + len, size = m->env.memory.size;

	if (uaddr >= size || uaddr < m->prog->null_guard)
		return len;
	return end > size ? (u32)(end - size) : 0;
}

u32 Z_hostZ_user_read(wl_ctx *ctx, u32 mem, u32 addr, u32 uaddr, u32 len)
{
	wl_umem *m = umem_get(mem);
	u32 left = wl_umem_beyond(m, uaddr, len);

	(void)ctx;
	memcpy(wl_ptr(addr), m->env.memory.data + uaddr, len - left);
	return left;
}

u32 Z_hostZ_user_write(wl_ctx *ctx, u32 mem, u32 uaddr, u32 addr, u32 len)
{
	wl_umem *m = umem_get(mem);
	u32 left = wl_umem_beyond(m, uaddr, len);

	(void)ctx;
	memcpy(m->env.memory.data + uaddr, wl_ptr(addr), len - left);
	return left;
}

u32 Z_hostZ_user_clear(wl_ctx *ctx, u32 mem, u32 uaddr, u32 len)
{
	wl_umem *m = umem_get(mem);
	u32 left = wl_umem_beyond(m, uaddr, len);

	(void)ctx;
	memset(m->env.memory.data + uaddr, 0, len - left);
	return left;
}

u32 Z_hostZ_user_strnlen(wl_ctx *ctx, u32 mem, u32 uaddr, u32 max)
{
	wl_umem *m = umem_get(mem);
	u32 avail = max - wl_umem_beyond(m, uaddr, max);
	const char *s = (const char *)m->env.memory.data + uaddr;
	const char *nul = avail ? memchr(s, 0, avail) : NULL;

	(void)ctx;
	if (nul)
		return (u32)(nul - s) + 1;
	return avail < max ? 0 : max + 1;
}

/* The program's only import: a system call as this thread's task. */
u32 Z_linuxZ_syscall(wl_umem *m, u32 nr, u32 a0, u32 a1, u32 a2, u32 a3,
		     u32 a4, u32 a5)
{
	wl_ctx *ctx = wl_ctx_self();
	u32 ret;

	(void)m;
	ut.in_user = false;
	ret = Z_kernelZ_wasm_syscall(&ctx->inst, nr, a0, a1, a2, a3, a4, a5);
	ut.in_user = true;
	/* an interrupt on the way back to user code: make up for it */
	if (ut.kicked)
		wl_user_interrupted();
	return ret;
}

/*
 * What this thread ran before: its instance (if its own), memory, and
 * any atomic waits it was unwound out of (they are keyed by addresses of
 * the memory).
 */
static void user_release(void)
{
	if (!ut.cur)
		return;
	wl_atomic_abandon_waits();
	if (ut.inst != ut.cur->inst)
		inst_free(ut.cur->prog, ut.inst);
	umem_put(ut.cur);
	ut.cur = NULL;
	ut.inst = NULL;
	ut.sp = ut.mark = NULL;
}

/*
 * Runs instance inst of m from _start(args), or __wasm_thread_start(args)
 * if thread, unwinding what the thread ran before.  An entry point that
 * returns because its thread was unwound for a fork is called again to
 * rewind it (fork.c).
 */
_Noreturn void wl_user_run(wl_umem *m, void *inst, u32 args, bool thread)
{
	volatile u32 sp;

	ut.next = m;
	ut.next_inst = inst;
	ut.next_args = args;
	ut.next_thread = thread;
	if (ut.has_base)
		plat_longjmp(ut.base);
	ut.has_base = true;
	sp = wl_ctx_self()->inst.w2c___stack_pointer;
	if (plat_setjmp(ut.base)) {
		/* unwound from an execve or a trap */
		wl_ctx_self()->inst.w2c___stack_pointer = sp;
		ut.signals = 0;
		ut.fork = WL_FORK_NONE;
		wasm_rt_set_unwind_target(NULL);
		if (ut.trap_sig) {
			int sig = ut.trap_sig;

			ut.trap_sig = 0;
			ut.in_user = false;
			Z_kernelZ_wasm_user_trap(&wl_ctx_self()->inst, (u32)sig);
			wl_die(3, "a task survived its trap");
		}
	}
	user_release();
	ut.invoke = NULL;
	ut.cur = ut.next;
	ut.inst = ut.next_inst;
	ut.sp = ut.mark = NULL;
	if (ut.cur->prog->sjlj_mark && ut.cur->prog->stack_pointer) {
		ut.sp = ut.cur->prog->stack_pointer(ut.inst);
		ut.mark = ut.cur->prog->sjlj_mark(ut.inst);
	}
	ut.args = ut.next_args;
	ut.thread = ut.next_thread;
	ut.next = NULL;
	ut.in_user = true;
	do
		(ut.thread ? ut.cur->prog->thread_start : ut.cur->prog->start)
			(ut.inst, ut.args);
	while (wl_fork_resume());
	/*
	 * The entry point returned: as if it had called exit(0), which ends
	 * a thread, or exit_group(0), the process.
	 */
	ut.in_user = false;
	Z_kernelZ_wasm_syscall(&wl_ctx_self()->inst,
			       ut.thread ? __NR_exit : __NR_exit_group,
			       0, 0, 0, 0, 0, 0);
	wl_die(3, "a task survived exit()");
}

void wl_umem_hold(wl_umem *m)
{
	plat_mutex_lock(lock);
	m->refs++;
	plat_mutex_unlock(lock);
}

_Noreturn void Z_hostZ_user_run(wl_ctx *ctx, u32 mem, u32 args)
{
	wl_umem *m = umem_get(mem);

	(void)ctx;
	wl_umem_hold(m);
	wl_user_run(m, m->inst, args, false);
}

/*
 * A new thread of the process: a new instance over its memory, whose
 * start function finds the memory set up already.  If the host cannot
 * make it, the process dies as if the thread had trapped.
 */
_Noreturn void Z_hostZ_user_thread_run(wl_ctx *ctx, u32 mem, u32 stack)
{
	wl_umem *m = umem_get(mem);
	void *inst = m->prog->thread_start ?
		calloc(1, m->prog->instance_size) : NULL;

	if (!inst || !instantiate(m, inst)) {
		free(inst);
		Z_kernelZ_wasm_user_trap(&ctx->inst, K_SIGSEGV);
		wl_die(3, "a task survived its trap");
	}
	wl_umem_hold(m);
	wl_user_run(m, inst, stack, true);
}

/* The kernel's compare and exchange in user memory (futexes). */
u32 Z_hostZ_user_cmpxchg(wl_ctx *ctx, u32 mem, u32 uaddr, u32 old, u32 new,
			 u32 val_ptr)
{
	wl_umem *m = umem_get(mem);
	uint32_t *p = (uint32_t *)(m->env.memory.data + uaddr);

	(void)ctx;
	if ((uaddr & 3) || wl_umem_beyond(m, uaddr, sizeof(*p)))
		return 1;
	__atomic_compare_exchange_n(p, &old, new, false, __ATOMIC_SEQ_CST,
				    __ATOMIC_SEQ_CST);
	memcpy(wl_ptr(val_ptr), &old, sizeof(old));
	return 0;
}

void Z_hostZ_user_signal(wl_ctx *ctx, u32 handler, u32 sig, u32 flags)
{
	u32 mark = ut.mark ? *ut.mark : 0;

	(void)ctx;
	if (!ut.cur)
		wl_die(3, "kernel delivered a signal to a thread with no program");
	ut.in_user = true;
	ut.signals++;
	ut.cur->prog->signal(ut.inst, handler, sig, flags);
	ut.signals--;
	ut.in_user = false;
	/* (a handler that returns leaves the program where it was) */
	if (ut.mark)
		*ut.mark = mark;
}

/*
 * Whether a signal handler may run where the thread's program is: not in
 * a function that called setjmp (user_abi.h's __wasm_sjlj_mark).
 */
static bool may_handle(void)
{
	return !ut.mark || !*ut.mark || *ut.sp > *ut.mark;
}

/*
 * The kernel has a signal for this thread's program, which runs without
 * system calls: take it.  Runs as a signal handler, between two
 * instructions of the program, or after host code that deferred it.
 * Not while the program's stack is moved for a fork (fork.c): a handler
 * would run on a stack that is not there.  Where a handler's longjmp
 * could not reach its setjmp (may_handle), the kernel acts only
 * on signals without one; the others wait for the next invoke or system
 * call, or the next interrupt, which comes soon, and after
 * WL_INTERRUPT_PATIENCE of those, run there.
 */
void wl_user_interrupted(void)
{
	wl_ctx *ctx = wl_ctx_self();
	u32 waiting;

	if (!ctx)
		return;
	if (!ut.in_user || ut.fork != WL_FORK_NONE) {
		ut.kicked = 1;
		return;
	}
	/* (interrupts that come meanwhile find in_user false) */
	do {
		bool handlers = may_handle() ||
				ut.deferred >= WL_INTERRUPT_PATIENCE;

		ut.kicked = 0;
		ut.in_user = false;
		waiting = Z_kernelZ_wasm_syscall(&ctx->inst,
						 WASM_SYSCALL_INTERRUPT,
						 handlers, 0, 0, 0, 0, 0);
		ut.in_user = true;
	} while (ut.kicked);
	ut.deferred = waiting ? ut.deferred + 1 : 0;
	if (waiting) {
		ut.kicked = 1;
		plat_thread_interrupt_later(WL_INTERRUPT_RETRY_NS);
	}
}

/* A trap on this thread: in user code, it kills the process. */
void wl_user_trap(wasm_rt_trap_t code)
{
	if (instantiating)
		plat_longjmp(*instantiating);
	if (!ut.in_user || !ut.has_base)
		return;
	switch (code) {
	case WASM_RT_TRAP_OOB:
	case WASM_RT_TRAP_EXHAUSTION:
		ut.trap_sig = K_SIGSEGV;
		break;
	case WASM_RT_TRAP_DIV_BY_ZERO:
	case WASM_RT_TRAP_INT_OVERFLOW:
		ut.trap_sig = K_SIGFPE;
		break;
	default:
		ut.trap_sig = K_SIGILL;
		break;
	}
	plat_longjmp(ut.base);
}

/* A fault at addr: one in this thread's program memory is a trap. */
void wl_user_fault(void *addr)
{
	if (ut.cur && wl_mem_reserved(&ut.cur->env.memory, addr))
		wl_user_trap(WASM_RT_TRAP_OOB);
}

bool wl_user_defer_interrupts(void)
{
	bool was = ut.in_user;

	ut.in_user = false;
	return was;
}

void wl_user_allow_interrupts(bool was)
{
	ut.in_user = was;
	if (ut.kicked)
		wl_user_interrupted();
}

void wl_user_thread_exit(void)
{
	user_release();
	ut.has_base = false;
	ut.in_user = false;
}
