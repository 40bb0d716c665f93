/*
 * The operating-system layer of the native runtime: everything that is
 * not portable C11.  platform-linux.c implements it for Linux; another
 * system needs only another implementation of this file.
 */
#ifndef WASMLINUX_PLATFORM_H
#define WASMLINUX_PLATFORM_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>

/*
 * Jumps of the runtime, which may leave a fault or interrupt handler
 * (plat_on_fault, plat_on_interrupt).  On POSIX systems they put the
 * signal mask back.  On Windows, handlers are not signals, and the
 * system's longjmp unwinds the frames between unless setjmp named no
 * frame: these jumps name none, so that they leave a handler as a
 * signal handler is left.
 */
#ifdef _WIN32
typedef jmp_buf plat_jmp_buf;
#define plat_setjmp(buf)	_setjmp((buf), NULL)
#define plat_longjmp(buf)	longjmp((buf), 1)
#else
typedef sigjmp_buf plat_jmp_buf;
#define plat_setjmp(buf)	sigsetjmp((buf), 1)
#define plat_longjmp(buf)	siglongjmp((buf), 1)
#endif

struct plat_mutex;
struct plat_sem;

struct plat_mutex *plat_mutex_new(void);
void plat_mutex_free(struct plat_mutex *m);
void plat_mutex_lock(struct plat_mutex *m);
void plat_mutex_unlock(struct plat_mutex *m);

struct plat_sem *plat_sem_new(unsigned int count);
void plat_sem_free(struct plat_sem *s);
void plat_sem_up(struct plat_sem *s);
void plat_sem_down(struct plat_sem *s);
/* Takes the semaphore if its count is not 0, without waiting. */
bool plat_sem_trydown(struct plat_sem *s);
/* Waits until the monotonic clock reaches deadline_ns; false on timeout. */
bool plat_sem_down_until(struct plat_sem *s, uint64_t deadline_ns);

/* Starts a detached thread; false if the system refuses. */
bool plat_thread_start(void (*fn)(void *), void *arg);
/* Per-thread set-up every thread running wasm code needs (signal stack). */
void plat_thread_enter(void);
void plat_thread_leave(void);

uint64_t plat_time_mono(void);
/*
 * Processors the host may run this program's threads on (at least 1):
 * for the watch of the kernel's semaphores (host.c), translate.c's jobs.
 */
unsigned int plat_cpu_count(void);
uint64_t plat_time_wall(void);

/* Address space: reserve inaccessible, then make parts read-write. */
void *plat_reserve(size_t size);
bool plat_commit(void *addr, size_t size);
bool plat_protect(void *addr, size_t size);
bool plat_protect_writes(void *addr, size_t size);	/* read-only */
/* Inaccessible again, the pages given back (zeros if committed again). */
bool plat_decommit(void *addr, size_t size);
void plat_release(void *addr, size_t size);
/*
 * For each page (PLAT_PAGE bytes) of [addr, addr + size), whether it may
 * hold other bytes than zeros: 0 only for a page never written nor read,
 * which the host has not even allocated.  addr is page-aligned.
 */
#define PLAT_PAGE	4096
void plat_resident(const void *addr, size_t size, unsigned char *vec);
/* Allocates the pages of [addr, addr + size) at once, as if written. */
void plat_populate(void *addr, size_t size);

/* Calls fault(addr) for memory faults; it decides whether they are traps. */
void plat_on_fault(void (*fault)(void *addr));
/* Whether a fault at addr is the calling thread's stack running out. */
bool plat_stack_fault(void *addr);

/*
 * Reads the program's standard input; 0 at its end, negative on error,
 * PLAT_INPUT_RESIZED when the terminal's size changed (after
 * plat_console_raw()).
 */
long plat_read_input(void *buf, size_t size);
#define PLAT_INPUT_RESIZED	(-2)

/*
 * If standard input is a terminal, puts it in raw mode (the kernel's line
 * discipline does the editing, echo and signals) until the process ends;
 * returns whether it did.
 */
bool plat_console_raw(void);
/* The terminal's size as rows << 16 | columns, or 0 if there is none. */
uint32_t plat_console_size(void);
/* Whether a standard file descriptor (0, 1, 2) is a terminal. */
bool plat_isatty(int fd);

/*
 * Host files for --load and --copy-out (hostfs.c).  plat_stat() tells
 * what path is, or with follow what a symbolic link there points to:
 * 0 and *st, or -errno.
 * The others return 0 or -errno (plat_readlink: the target's length).
 */
enum plat_file_kind { PLAT_FILE_REG = 1, PLAT_FILE_DIR, PLAT_FILE_LINK,
		      PLAT_FILE_OTHER };
struct plat_stat {
	enum plat_file_kind kind;
	unsigned int mode;	/* permission bits, 07777 */
	uint64_t size;
};
int plat_stat(const char *path, bool follow, struct plat_stat *st);
long plat_readlink(const char *path, char *buf, size_t size);
int plat_symlink(const char *target, const char *path);
int plat_mkdir(const char *path, unsigned int mode);	/* EEXIST is 0 */
void plat_chmod(const char *path, unsigned int mode);
/*
 * Disk files (disk.c).  plat_file_open() opens a regular file or block
 * device for reading, and writing unless ro: a handle and its size, or -1
 * with the reason in why.  plat_file_io() reads or writes n segments at
 * off, all of them or false (a file that shrank reads short: false too).
 * plat_file_sync() puts the file's data on the host's storage.
 * plat_file_punch() gives the space of a range back to the host where
 * the file can have holes (it then reads zeros); true also where it
 * cannot (a discard is advice).
 */
struct plat_iov {
	void *base;
	size_t len;
};
intptr_t plat_file_open(const char *path, bool ro, uint64_t *size,
			char *why, size_t why_size);
bool plat_file_io(intptr_t f, bool write, const struct plat_iov *iov,
		  unsigned int n, uint64_t off);
bool plat_file_sync(intptr_t f);
bool plat_file_punch(intptr_t f, uint64_t off, uint64_t len);
void plat_file_close(intptr_t f);

/*
 * How many leading bytes of path name a drive ("C:" on Windows, else
 * none), where a colon does not end a host path in HOST:DIR arguments.
 */
size_t plat_path_drive(const char *path);

/* The directory of this program's executable (malloc'd), or NULL. */
char *plat_exe_dir(void);

/* Ends the process at once (other threads may be inside the kernel). */
_Noreturn void plat_exit(int status);

/*
 * Interrupting a thread: plat_on_interrupt(fn) makes fn run on a thread
 * that plat_thread_interrupt(id) names (id from plat_thread_id() on that
 * thread), between two of its instructions, as a signal handler does.
 */
void plat_on_interrupt(void (*fn)(void));
uintptr_t plat_thread_id(void);
void plat_thread_interrupt(uintptr_t id);
/* From fn: interrupt this thread again in ns nanoseconds. */
void plat_thread_interrupt_later(uint64_t ns);

/*
 * Translating programs on demand (translate.c): child processes, shared
 * objects, the cache's directories and its lock files.
 */
/* Whether a program of that name is on PATH. */
bool plat_on_path(const char *name);
/*
 * Starts argv[0] (found on PATH) with its standard output on a pipe read
 * through *out and its standard error appended to the file log.  Returns
 * the child, or 0.  plat_child_wait() returns its exit status, or -1 if it
 * did not exit normally.
 */
intptr_t plat_child_start(const char *const argv[], const char *log,
			  FILE **out);
int plat_child_wait(intptr_t child);
/* dlopen(); on failure NULL and the reason in err. */
void *plat_lib_open(const char *path, char *err, size_t size);
void *plat_lib_symbol(void *lib, const char *name);
/* mkdir -p; a new directory under parent (malloc'd path); rm -r. */
bool plat_mkdirs(const char *path);
char *plat_mkdtemp(const char *parent);
void plat_remove_tree(const char *path);
/* An exclusive lock on the file path (made if need be), or -1. */
intptr_t plat_lock(const char *path);
void plat_unlock(intptr_t lock);

/* Fills buf with len random bytes; false if the host has none. */
bool plat_random(void *buf, size_t len);

/* Resident memory of this process, in bytes. */
size_t plat_rss(void);

/* The name of the function containing a code address of this program. */
const char *plat_symbol(void *code_addr);
/* Fills frames with return addresses of the calling thread; returns count. */
int plat_backtrace(void **frames, int max);

#endif
