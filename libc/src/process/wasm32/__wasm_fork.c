#include <sys/mman.h>
#include <errno.h>
#include "syscall.h"

long __wasm_linux_fork(long, void *, long)
	__attribute__((__import_module__("linux"), __import_name__("fork")));

/*
 * Room for the forking thread's wasm call stack while the host unwinds it
 * (user_abi.h): what each frame keeps of its locals, some 20 bytes for a
 * small function.  A deeper stack makes Asyncify trap (SIGILL) once a
 * frame has gone past the end: the slack after the room takes that frame.
 */
#define FORK_BUF (256 << 10)
#define FORK_SLACK (64 << 10)

/*
 * fork, and clone without CLONE_VM (syscall_arch.h): the host copies the
 * process, and this returns in both, with 0 in the child.  The buffer is
 * in both memories afterwards, and each gives it back.
 */
hidden long __wasm_fork(long flags)
{
	long buf = __wasm_mm_syscall(SYS_mmap2, 0, FORK_BUF + FORK_SLACK,
		PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0);
	long r;

	if (buf < 0 && buf > -4096) return buf;
	r = __wasm_linux_fork(flags, (void *)buf, FORK_BUF);
	__wasm_mm_syscall(SYS_munmap, buf, FORK_BUF + FORK_SLACK, 0, 0, 0, 0);
	return r;
}
