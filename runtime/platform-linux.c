/*
 * Linux implementation of platform.h: POSIX threads, signals, mmap and
 * termios, with getrandom(), sem_clockwait(), /proc and the GNU
 * backtrace() and dladdr().  It is named for Linux rather than made
 * POSIX because the POSIX replacements do not do the same: sem_timedwait()
 * waits by the wall clock, which may jump; getrusage() gives the peak
 * resident size, not the current one; /proc/self/exe and backtraces have
 * no POSIX equivalent.  Another Unix would share most of this file: it is
 * to be split when one comes.
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include "platform.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <execinfo.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

struct plat_mutex {
	pthread_mutex_t m;
};

struct plat_sem {
	sem_t s;
};

static void *xalloc(size_t size)
{
	void *p = malloc(size);

	if (!p) {
		fprintf(stderr, "wasmlinux: out of host memory\n");
		abort();
	}
	return p;
}

struct plat_mutex *plat_mutex_new(void)
{
	struct plat_mutex *m = xalloc(sizeof(*m));

	pthread_mutex_init(&m->m, NULL);
	return m;
}

void plat_mutex_free(struct plat_mutex *m)
{
	pthread_mutex_destroy(&m->m);
	free(m);
}

void plat_mutex_lock(struct plat_mutex *m)
{
	pthread_mutex_lock(&m->m);
}

void plat_mutex_unlock(struct plat_mutex *m)
{
	pthread_mutex_unlock(&m->m);
}

struct plat_sem *plat_sem_new(unsigned int count)
{
	struct plat_sem *s = xalloc(sizeof(*s));

	sem_init(&s->s, 0, count);
	return s;
}

void plat_sem_free(struct plat_sem *s)
{
	sem_destroy(&s->s);
	free(s);
}

void plat_sem_up(struct plat_sem *s)
{
	sem_post(&s->s);
}

void plat_sem_down(struct plat_sem *s)
{
	while (sem_wait(&s->s) && errno == EINTR)
		;
}

bool plat_sem_trydown(struct plat_sem *s)
{
	return !sem_trywait(&s->s);
}

bool plat_sem_down_until(struct plat_sem *s, uint64_t deadline_ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(deadline_ns / 1000000000u),
		.tv_nsec = (long)(deadline_ns % 1000000000u),
	};

	for (;;) {
		if (!sem_clockwait(&s->s, CLOCK_MONOTONIC, &ts))
			return true;
		if (errno == ETIMEDOUT)
			return false;
	}
}

struct thread_start {
	void (*fn)(void *);
	void *arg;
};

static void *thread_main(void *p)
{
	struct thread_start st = *(struct thread_start *)p;

	free(p);
	st.fn(st.arg);
	return NULL;
}

bool plat_thread_start(void (*fn)(void *), void *arg)
{
	struct thread_start *st = xalloc(sizeof(*st));
	pthread_attr_t attr;
	pthread_t t;
	int err;

	st->fn = fn;
	st->arg = arg;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	err = pthread_create(&t, &attr, thread_main, st);
	pthread_attr_destroy(&attr);
	if (err) {
		free(st);
		return false;
	}
	return true;
}

/*
 * Faults on a thread's own exhausted stack need a stack to run on, and
 * are told apart by the stack's lowest address.
 */
static _Thread_local void *alt_stack;
static _Thread_local uintptr_t stack_low;

/* plat_thread_interrupt_later()'s timer, made at its first use */
static _Thread_local timer_t retry_timer;
static _Thread_local bool has_retry_timer;

void plat_thread_enter(void)
{
	stack_t ss = { .ss_size = 64 * 1024 };
	pthread_attr_t attr;
	void *addr;
	size_t size;

	if (alt_stack)
		return;
	alt_stack = xalloc(ss.ss_size);
	ss.ss_sp = alt_stack;
	sigaltstack(&ss, NULL);
	if (!pthread_getattr_np(pthread_self(), &attr)) {
		if (!pthread_attr_getstack(&attr, &addr, &size))
			stack_low = (uintptr_t)addr;
		pthread_attr_destroy(&attr);
	}
}

bool plat_stack_fault(void *addr)
{
	uintptr_t a = (uintptr_t)addr;

	/* the guard below the stack, or the stack's last pages */
	return stack_low && a >= stack_low - (1u << 20) &&
	       a < stack_low + (64u << 10);
}

void plat_thread_leave(void)
{
	stack_t ss = { .ss_flags = SS_DISABLE };

	if (has_retry_timer) {
		timer_delete(retry_timer);
		has_retry_timer = false;
	}
	if (!alt_stack)
		return;
	sigaltstack(&ss, NULL);
	free(alt_stack);
	alt_stack = NULL;
}

uint64_t plat_time_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* (the ones this thread may run on: taskset and cpusets narrow them) */
unsigned int plat_cpu_count(void)
{
	cpu_set_t set;
	long n;

	if (!sched_getaffinity(0, sizeof(set), &set))
		n = CPU_COUNT(&set);
	else
		n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 1 ? (unsigned int)n : 1;
}

uint64_t plat_time_wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void *plat_reserve(size_t size)
{
	void *p = mmap(NULL, size, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

bool plat_commit(void *addr, size_t size)
{
	return !mprotect(addr, size, PROT_READ | PROT_WRITE);
}

bool plat_protect(void *addr, size_t size)
{
	return !mprotect(addr, size, PROT_NONE);
}

bool plat_protect_writes(void *addr, size_t size)
{
	return !mprotect(addr, size, PROT_READ);
}

bool plat_decommit(void *addr, size_t size)
{
	return mmap(addr, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
		    MAP_NORESERVE | MAP_FIXED, -1, 0) == addr;
}

void plat_release(void *addr, size_t size)
{
	munmap(addr, size);
}

void plat_populate(void *addr, size_t size)
{
	/* (Linux 5.14 on; older kernels fault the pages in one by one) */
#ifdef MADV_POPULATE_WRITE
	madvise(addr, size, MADV_POPULATE_WRITE);
#else
	(void)addr;
	(void)size;
#endif
}

void plat_resident(const void *addr, size_t size, unsigned char *vec)
{
	size_t i, n = (size + PLAT_PAGE - 1) / PLAT_PAGE;

	/* mincore's low bit; if it fails, say every page may hold data */
	if (mincore((void *)addr, size, vec))
		memset(vec, 1, n);
	for (i = 0; i < n; i++)
		vec[i] &= 1;
}

static void (*fault_handler)(void *addr);

static void on_signal(int sig, siginfo_t *info, void *ctx)
{
	(void)ctx;
	fault_handler(info->si_addr);
	/* Not ours: die of the signal as if there were no handler. */
	signal(sig, SIG_DFL);
	raise(sig);
}

void plat_on_fault(void (*fault)(void *addr))
{
	struct sigaction sa;

	fault_handler = fault;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

static struct termios saved_termios;
static bool raw_mode;
static int winch_pipe[2] = { -1, -1 };

static void console_restore(void)
{
	if (raw_mode)
		tcsetattr(0, TCSAFLUSH, &saved_termios);
	raw_mode = false;
}

static void on_winch(int sig)
{
	int saved = errno;

	(void)sig;
	if (write(winch_pipe[1], "", 1) < 0)
		errno = saved;
	errno = saved;
}

static void on_terminate(int sig)
{
	console_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

bool plat_console_raw(void)
{
	struct termios t;
	struct sigaction sa = { .sa_handler = on_winch };

	if (!isatty(0) || tcgetattr(0, &saved_termios))
		return false;
	t = saved_termios;
	cfmakeraw(&t);
	if (tcsetattr(0, TCSAFLUSH, &t))
		return false;
	raw_mode = true;
	atexit(console_restore);
	signal(SIGTERM, on_terminate);
	signal(SIGHUP, on_terminate);
	if (!pipe(winch_pipe))
		sigaction(SIGWINCH, &sa, NULL);
	return true;
}

uint32_t plat_console_size(void)
{
	struct winsize ws;

	if (ioctl(0, TIOCGWINSZ, &ws) || !ws.ws_row || !ws.ws_col)
		return 0;
	return (uint32_t)ws.ws_row << 16 | ws.ws_col;
}

bool plat_isatty(int fd)
{
	return isatty(fd);
}

long plat_read_input(void *buf, size_t size)
{
	struct pollfd p[2] = { { 0, POLLIN, 0 }, { winch_pipe[0], POLLIN, 0 } };
	ssize_t n;
	char c;

	for (;;) {
		if (poll(p, winch_pipe[0] < 0 ? 1 : 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (p[1].revents & POLLIN) {
			if (read(winch_pipe[0], &c, 1) == 1)
				return PLAT_INPUT_RESIZED;
		}
		if (p[0].revents) {
			while ((n = read(0, buf, size)) < 0 && errno == EINTR)
				;
			return n;
		}
	}
}

int plat_stat(const char *path, bool follow, struct plat_stat *st)
{
	struct stat s;

	if (follow ? stat(path, &s) : lstat(path, &s))
		return -errno;
	st->kind = S_ISREG(s.st_mode) ? PLAT_FILE_REG :
		   S_ISDIR(s.st_mode) ? PLAT_FILE_DIR :
		   S_ISLNK(s.st_mode) ? PLAT_FILE_LINK : PLAT_FILE_OTHER;
	st->mode = s.st_mode & 07777;
	st->size = (uint64_t)s.st_size;
	return 0;
}

long plat_readlink(const char *path, char *buf, size_t size)
{
	ssize_t n = readlink(path, buf, size);

	return n < 0 ? -errno : n;
}

int plat_symlink(const char *target, const char *path)
{
	return symlink(target, path) ? -errno : 0;
}

int plat_mkdir(const char *path, unsigned int mode)
{
	return mkdir(path, mode) && errno != EEXIST ? -errno : 0;
}

void plat_chmod(const char *path, unsigned int mode)
{
	chmod(path, mode);
}

intptr_t plat_file_open(const char *path, bool ro, uint64_t *size,
			char *why, size_t why_size)
{
	int fd = open(path, (ro ? O_RDONLY : O_RDWR) | O_CLOEXEC);
	struct stat st;
	off_t end;

	if (fd < 0 || fstat(fd, &st)) {
		snprintf(why, why_size, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode)) {
		snprintf(why, why_size, "%s: not a file", path);
		goto fail;
	}
	end = lseek(fd, 0, SEEK_END);
	if (end < 0) {
		snprintf(why, why_size, "%s: %s", path, strerror(errno));
		goto fail;
	}
	*size = (uint64_t)end;
	return fd;
fail:
	if (fd >= 0)
		close(fd);
	return -1;
}

bool plat_file_io(intptr_t f, bool write, const struct plat_iov *iov,
		  unsigned int n, uint64_t off)
{
	struct iovec v[128];
	unsigned int i = 0, k;

	while (i < n) {
		ssize_t got;
		size_t left;

		for (k = 0; k < sizeof(v) / sizeof(v[0]) && i + k < n; k++) {
			v[k].iov_base = iov[i + k].base;
			v[k].iov_len = iov[i + k].len;
		}
		got = write ? pwritev((int)f, v, (int)k, (off_t)off) :
			      preadv((int)f, v, (int)k, (off_t)off);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		off += (uint64_t)got;
		/* whole segments done; a part done is the rest again */
		for (left = (size_t)got; i < n && left >= iov[i].len; i++)
			left -= iov[i].len;
		if (left) {
			struct plat_iov rest = { (char *)iov[i].base + left,
						 iov[i].len - left };

			if (!plat_file_io(f, write, &rest, 1, off))
				return false;
			off += rest.len;
			i++;
		}
	}
	return true;
}

bool plat_file_sync(intptr_t f)
{
	return !fdatasync((int)f);
}

bool plat_file_punch(intptr_t f, uint64_t off, uint64_t len)
{
	return !fallocate((int)f, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
			  (off_t)off, (off_t)len) ||
	       errno == EOPNOTSUPP || errno == ENOSYS;
}

void plat_file_close(intptr_t f)
{
	close((int)f);
}

size_t plat_path_drive(const char *path)
{
	(void)path;
	return 0;
}

char *plat_exe_dir(void)
{
	char *path = realpath("/proc/self/exe", NULL), *slash;

	slash = path ? strrchr(path, '/') : NULL;
	if (slash)
		*slash = 0;
	return path;
}

_Noreturn void plat_exit(int status)
{
	console_restore();
	_exit(status);
}

static void (*interrupt_fn)(void);

static void on_interrupt(int sig)
{
	int saved = errno;

	(void)sig;
	if (interrupt_fn)
		interrupt_fn();
	errno = saved;
}

/*
 * SA_NODEFER: the handler may leave by a longjmp of the program (a signal
 * handler of its that the kernel ran), which would leave SIGURG blocked
 * and the thread deaf to interrupts.
 */
void plat_on_interrupt(void (*fn)(void))
{
	struct sigaction sa = { .sa_handler = on_interrupt,
				.sa_flags = SA_RESTART | SA_NODEFER };

	interrupt_fn = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGURG, &sa, NULL);
}

uintptr_t plat_thread_id(void)
{
	return (uintptr_t)pthread_self();
}

void plat_thread_interrupt(uintptr_t id)
{
	pthread_kill((pthread_t)id, SIGURG);
}

/*
 * (in the handler: glibc's timer_create makes the system call and no
 * more for a SIGEV_THREAD_ID timer, and timer_settime is async-signal
 * safe)
 */
void plat_thread_interrupt_later(uint64_t ns)
{
	struct itimerspec when = { .it_value = {
		.tv_sec = (time_t)(ns / 1000000000u),
		.tv_nsec = (long)(ns % 1000000000u) } };

	if (!has_retry_timer) {
		struct sigevent ev = { .sigev_notify = SIGEV_THREAD_ID,
				       .sigev_signo = SIGURG };

		/* (glibc 2.36 has no name for the field) */
		ev._sigev_un._tid = gettid();
		if (timer_create(CLOCK_MONOTONIC, &ev, &retry_timer))
			return;
		has_retry_timer = true;
	}
	timer_settime(retry_timer, 0, &when, NULL);
}

bool plat_random(void *buf, size_t len)
{
	return getrandom(buf, len, 0) == (ssize_t)len;
}

size_t plat_rss(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return (size_t)resident * (size_t)sysconf(_SC_PAGESIZE);
}

const char *plat_symbol(void *code_addr)
{
	Dl_info info;

	if (dladdr(code_addr, &info) && info.dli_sname)
		return info.dli_sname;
	return NULL;
}

int plat_backtrace(void **frames, int max)
{
	return backtrace(frames, max);
}
