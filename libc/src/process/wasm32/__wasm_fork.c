#define _GNU_SOURCE
#include <sys/mman.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <errno.h>
#include "syscall.h"
#include "atomic.h"

long __wasm_linux_fork(long, long, void *, long)
	__attribute__((__import_module__("linux"), __import_name__("fork")));
hidden void __wasm_mm_lock(int);

/*
 * Room for the forking thread's wasm call stack while the host unwinds it
 * (user_abi.h): what each frame keeps of its locals, some 20 bytes for a
 * small function.  A deeper stack makes Asyncify trap (SIGILL) once a
 * frame has gone past the end: the slack after the room takes that frame.
 */
#define FORK_BUF (256 << 10)
#define FORK_SLACK (64 << 10)

/*
 * The buffer: mapped at the first fork and kept (the child has it too),
 * so that a fork maps nothing: each mapping is a system call, reported
 * to the kernel (__wasm_mm.c).  Only its pages that an unwind wrote are
 * copied by later forks.  Two threads forking first at once may both
 * map one; the loser gives its own back.
 */
static void *volatile fork_buf;

static void *get_fork_buf(void)
{
	void *buf = fork_buf;
	long r;

	if (buf) return buf;
	r = __wasm_mm_syscall(SYS_mmap2, 0, FORK_BUF + FORK_SLACK,
		PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
	if (r < 0 && r > -4096) return (void *)r;
	buf = a_cas_p(&fork_buf, 0, (void *)r);
	if (!buf) return (void *)r;
	__wasm_mm_syscall(SYS_munmap, r, FORK_BUF + FORK_SLACK, 0, 0, 0, 0);
	return buf;
}

/*
 * clone3 without CLONE_VM (syscall_arch.h): the host copies the process,
 * and this returns in both, with 0 in the child.  The kernel reads args
 * once the stack is unwound; they stay in memory meanwhile.  The memory's
 * lock is held meanwhile (__wasm_mm.c), so that no other thread is
 * changing the list of free pages when the copy is made, nor using the
 * buffer.
 */
hidden long __wasm_clone3(long args, long size)
{
	void *buf = get_fork_buf();
	long r;

	if ((unsigned long)buf > -4096UL) return (long)buf;
	__wasm_mm_lock(1);
	r = __wasm_linux_fork(args, size, buf, FORK_BUF);
	__wasm_mm_lock(0);
	return r;
}

/* struct clone_args of <linux/sched.h>, as far as clone's arguments go */
struct clone_args_v0 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal;
	uint64_t stack, stack_size, tls;
};

/*
 * fork, and clone without CLONE_VM: the same as a clone3.  A new stack
 * cannot be given to the child, which goes on on its copy of this one.
 */
hidden long __wasm_fork(long flags, long stack, long ptid, long ctid, long tls)
{
	struct clone_args_v0 a = {
		.flags = (unsigned long)flags & ~CSIGNAL,
		.pidfd = flags & CLONE_PIDFD ? (unsigned long)ptid : 0,
		.child_tid = (unsigned long)ctid,
		.parent_tid = (unsigned long)ptid,
		.exit_signal = flags & CSIGNAL,
		.tls = (unsigned long)tls,
	};
	return __wasm_clone3((long)&a, sizeof a);
}
