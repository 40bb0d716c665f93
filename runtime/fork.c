#define _POSIX_C_SOURCE 200809L
/*
 * fork of user programs (<asm/user_abi.h>).  A program's wasm call stack
 * lives in the C stack of the host thread that runs it, so it is moved
 * through its memory with Binaryen's Asyncify: the fork import starts an
 * unwind into the program's buffer and returns; each frame saves itself
 * and returns, up to the entry point, which returns to wl_user_run().
 * There the kernel makes the fork (whose memory copy is made here, on
 * this thread), and both sides rewind: the parent on this thread, the
 * child on its own, in an instance over the copy.  Rewinding calls the
 * entry point again, and each frame calls the one it was in, down to the
 * fork import, which then returns the pid, or 0 in the child.
 */
#include <stdlib.h>
#include <string.h>

#include <asm/host_ops.h>
#include <asm/user_abi.h>

#include "internal.h"
#include "linux-abi.h"
#include "user.h"

/* Asyncify's data: where the next frame goes, and the end of the room. */
struct asyncify_data {
	uint32_t cur, end;
};

u32 Z_linuxZ_fork(wl_umem *m, u32 args, u32 args_size, u32 buf, u32 size)
{
	const struct wl_program *prog = m->prog;
	struct asyncify_data d = { buf + sizeof(d), buf + size };

	if (ut.fork == WL_FORK_REWIND) {
		/* back in the frame that called fork: the call returns */
		prog->stop_rewind(ut.inst);
		ut.fork = WL_FORK_NONE;
		if (ut.kicked)
			wl_user_interrupted();
		return ut.fork_ret;
	}
	if (!prog->start_unwind || ut.signals)
		return -K_ENOSYS;
	if ((buf & 3) || size < WASM_USER_FORK_MIN_BUF || wl_umem_beyond(m, buf, size))
		return -K_EFAULT;
	memcpy(m->env.memory.data + buf, &d, sizeof(d));
	ut.fork = WL_FORK_UNWIND;
	ut.fork_clone3[0] = args;
	ut.fork_clone3[1] = args_size;
	ut.fork_buf = buf;
	prog->start_unwind(ut.inst, buf);
	return 0;
}

/* The entry point returned: if it was unwound for a fork, make it. */
bool wl_fork_resume(void)
{
	const struct wl_program *prog = ut.cur->prog;
	wl_ctx *ctx = wl_ctx_self();
	u32 ret;

	if (ut.fork != WL_FORK_UNWIND)
		return false;
	prog->stop_unwind(ut.inst);
	ut.in_user = false;
	ret = Z_kernelZ_wasm_syscall(&ctx->inst, WASM_SYSCALL_FORK,
				     ut.fork_clone3[0], ut.fork_clone3[1], 0, 0, 0, 0);
	ut.in_user = true;
	ut.fork = WL_FORK_REWIND;
	ut.fork_ret = ret;
	prog->start_rewind(ut.inst, ut.fork_buf);
	return true;
}

/*
 * Copies n bytes to a new memory, page by page, leaving out the host
 * pages of zeros on both sides (much of a stack, or of a heap never
 * used): a page never written costs the child nothing.  Pages the host
 * never allocated in the source are zeros without a look (which would
 * allocate them).  The child's start function has written its data
 * segments, within its first written bytes; above them the child's
 * pages are all new.  src and dst are page-aligned.
 */
static void copy_pages(uint8_t *dst, const uint8_t *src, size_t n,
		       size_t written)
{
	enum { CHUNK = 256 };
	unsigned char vec[CHUNK];
	size_t off, k, i = CHUNK, run = 0;

	for (off = 0; off < n; off += k, i++) {
		k = n - off < PLAT_PAGE ? n - off : PLAT_PAGE;
		if (i == CHUNK) {
			size_t left = n - off;

			plat_resident(src + off, left < CHUNK * PLAT_PAGE ?
				      left : CHUNK * PLAT_PAGE, vec);
			i = 0;
		}
		if ((vec[i] && !wl_zeros(src + off, k)) ||
		    (off < written && !wl_zeros(dst + off, k))) {
			run += k;
			continue;
		}
		if (run) {
			plat_populate(dst + off - run, run);
			memcpy(dst + off - run, src + off - run, run);
			run = 0;
		}
	}
	if (run) {
		plat_populate(dst + off - run, run);
		memcpy(dst + off - run, src + off - run, run);
	}
}

/*
 * The kernel's copy of the forking thread's memory: the bytes, an
 * instance of the program over them with the thread's globals (stack
 * pointer, TLS base), and where the child rewinds from.  The other
 * threads of the process run on meanwhile, as they would on Linux up to
 * the moment its copy-on-write snapshot is taken.
 */
u32 Z_hostZ_user_mem_fork(wl_ctx *ctx, u32 mem)
{
	wl_umem *p = wl_handle_get(WL_UMEM, mem), *c;
	uint32_t pages;
	size_t from;

	(void)ctx;
	if (ut.fork != WL_FORK_UNWIND || ut.cur != p)
		return 0;
	pages = __atomic_load_n(&p->env.memory.pages, __ATOMIC_ACQUIRE);
	c = wl_umem_new(p->image, pages);
	if (!c)
		return 0;
	/* (the NULL guard is neither written nor, being zeros, read) */
	from = p->prog->null_guard & ~(size_t)(PLAT_PAGE - 1);
	copy_pages(c->env.memory.data + from, p->env.memory.data + from,
		   (size_t)pages * WL_PAGE - from,
		   (size_t)p->prog->initial_pages * WL_PAGE - from);
	p->prog->copy_globals(c->inst, ut.inst);
	c->fork_buf = ut.fork_buf;
	c->fork_args = ut.args;
	c->fork_thread = ut.thread;
	return c->handle;
}

_Noreturn void Z_hostZ_user_fork_run(wl_ctx *ctx, u32 mem)
{
	wl_umem *m = wl_handle_get(WL_UMEM, mem);

	(void)ctx;
	wl_umem_hold(m);
	ut.fork = WL_FORK_REWIND;
	ut.fork_ret = 0;
	m->prog->start_rewind(m->inst, m->fork_buf);
	wl_user_run(m, m->inst, m->fork_args, m->fork_thread);
}
