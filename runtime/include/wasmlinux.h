/*
 * WasmLinux: a Linux kernel, compiled to WebAssembly, as a library.
 *
 * Boot it once with wasmlinux_boot(); the calling thread becomes the init
 * task (pid 1) and may then make system calls.  The root is a tmpfs, with
 * proc, sysfs, devtmpfs and a tmpfs mounted on /proc, /sys, /dev and /tmp.
 * Loopback is up; eth0 (with a network, see net) is down until configured,
 * by "ip=dhcp" in the command line for one (the kernel's DHCP client) or
 * by a program (e.g. BusyBox's udhcpc, as /init runs it).  Buffers passed
 * to system calls must live in the kernel's memory: get them from
 * wasmlinux_alloc() and reach them through wasmlinux_ptr().  Errors are
 * negative errno values of Linux (the host's <errno.h> may have other
 * numbers: Windows's ENOSYS is 40, Linux's 38).
 *
 * The process ends when the kernel panics (exit status 2) or traps
 * (status 3), or powers off other than through wasmlinux_shutdown().
 */
#ifndef WASMLINUX_H
#define WASMLINUX_H

#include <stddef.h>
#include <stdint.h>

struct wasmlinux_config {
	const char *cmdline;	/* kernel command line, e.g. "loglevel=4" */
	unsigned int mem_mb;	/* kernel memory in MiB (mem=); 0: 64 */
	/* where the kernel log goes; NULL: standard output */
	void (*console_write)(const char *s, size_t n);
	int console_input;	/* forward standard input to /dev/console */
	/* print runtime statistics to standard error at exit or when
	   wasmlinux_shutdown() returns */
	int stats;
	/*
	 * Programs that are not built in are translated when executed and
	 * cached in cache_dir; NULL: $WASMLINUX_CACHE, else
	 * $XDG_CACHE_HOME/wasmlinux, else ~/.cache/wasmlinux.  no_cache:
	 * translate every time, keep nothing.
	 */
	const char *cache_dir;
	int no_cache;
	/*
	 * The network behind eth0: NULL or "none" for none (loopback only);
	 * "user[,hostfwd=[tcp|udp]:[HOSTADDR]:PORT-[ADDR]:PORT...][,mtu=N]"
	 * for a NAT to the host's network without privileges (libslirp, as
	 * QEMU's -netdev user): the system is 10.0.2.15 by DHCP, the host's
	 * loopback 10.0.2.2, DNS 10.0.2.3; MTU 65520 unless mtu= says.
	 */
	const char *net;
	/*
	 * Disks: host files as /dev/vda, /dev/vdb, ... in this order, each
	 * "FILE" or "FILE,ro" (read-only); a NULL-ended list, or NULL.
	 */
	const char *const *disks;
};

int wasmlinux_boot(const struct wasmlinux_config *config);

/*
 * Translates the user program in the host file path ahead of time into
 * the cache in dir (NULL: the default of wasmlinux_config.cache_dir), as
 * executing it would.  Returns 0, or -1 with the reason in why.  Needs no
 * boot.
 */
int wasmlinux_compile(const char *path, const char *dir, char *why,
		      size_t why_size);

/* One system call as the calling thread's task; nr from <asm/unistd.h>. */
long wasmlinux_syscall(long nr, long a0, long a1, long a2, long a3, long a4,
		       long a5);

/* Kinds of tasks wasmlinux_spawn() makes. */
enum wasmlinux_task_kind {
	WASMLINUX_PROCESS,	/* own pid, a copy of the caller's open files */
	WASMLINUX_THREAD,	/* a thread of the caller's process */
};

/*
 * Runs fn(arg) on a new host thread as a new task, child of the calling
 * thread's task; the task exits when fn returns.  Returns its pid (or
 * thread id).  The init task reaps its children automatically.
 */
long wasmlinux_spawn(enum wasmlinux_task_kind kind, void (*fn)(void *),
		     void *arg);

/* Powers the kernel off and returns; no system call works afterwards. */
int wasmlinux_shutdown(void);

/*
 * Replaces the calling task's descriptor fd (0, 1 or 2) with a pipe to
 * the host's standard stream of that number, which a process of its own
 * copies through unchanged: for streams that are not a terminal (a script
 * piped in, output redirected), as a container run without one sees
 * pipes.  What the output pipes still hold is written out when init
 * exits.  Returns 0 or a negative errno.
 */
int wasmlinux_stdio_pipe(int fd);

/*
 * Host files in and out, as the calling thread's task: wasmlinux_load()
 * copies a host directory tree or a cpio archive (newc format) into the
 * kernel's filesystem under dest; wasmlinux_copy_out() copies a file or a
 * directory tree of the kernel to host_path.  wasmlinux_load() fails
 * with -ENOSPC (Linux's 28) before a file that would leave the kernel
 * less than a sixteenth of its memory free (4 MiB at least).
 */
long wasmlinux_load(const char *host_path, const char *dest);
long wasmlinux_copy_out(const char *src, const char *host_path);

/* Kernel-visible memory for system call buffers (0 on failure). */
uint32_t wasmlinux_alloc(size_t size);
void wasmlinux_free(uint32_t addr);
void *wasmlinux_ptr(uint32_t addr);

#endif
