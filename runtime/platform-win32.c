/*
 * Windows implementation of platform.h, with the Win32 API: SRW locks,
 * semaphores and threads of the system, VirtualAlloc for the address
 * space, a vectored exception handler for faults, and the console API.
 *
 * Interrupting a thread has no signal to do it: the thread is suspended,
 * its context saved and changed so that it resumes in interrupt_entry(),
 * which runs the handler and then restores the saved context, as a signal
 * handler's return does.  A thread stopped outside this program's own
 * code (in a system call of ntdll, whose result the restore would lose)
 * is not redirected: the interrupt is tried again a millisecond later.
 */
#define WIN32_LEAN_AND_MEAN
#define _WIN32_WINNT 0x0A00
#include "platform.h"

#include <windows.h>
#include <winioctl.h>
#include <bcrypt.h>
#include <mmsystem.h>
#include <psapi.h>
#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct plat_mutex {
	SRWLOCK l;
};

struct plat_sem {
	HANDLE h;
};

/*
 * The C library's standard streams translate LF to CR LF (text mode):
 * the bytes of the programs inside go out as they are, from the start.
 */
__attribute__((constructor)) static void binary_stdio(void)
{
	_setmode(_fileno(stdout), _O_BINARY);
	_setmode(_fileno(stderr), _O_BINARY);
	_setmode(_fileno(stdin), _O_BINARY);
}

static void *xalloc(size_t size)
{
	void *p = calloc(1, size);

	if (!p) {
		fprintf(stderr, "wasmlinux: out of host memory\n");
		abort();
	}
	return p;
}

struct plat_mutex *plat_mutex_new(void)
{
	struct plat_mutex *m = xalloc(sizeof(*m));

	InitializeSRWLock(&m->l);
	return m;
}

void plat_mutex_free(struct plat_mutex *m)
{
	free(m);
}

void plat_mutex_lock(struct plat_mutex *m)
{
	AcquireSRWLockExclusive(&m->l);
}

void plat_mutex_unlock(struct plat_mutex *m)
{
	ReleaseSRWLockExclusive(&m->l);
}

struct plat_sem *plat_sem_new(unsigned int count)
{
	struct plat_sem *s = xalloc(sizeof(*s));

	s->h = CreateSemaphoreW(NULL, (LONG)count, LONG_MAX, NULL);
	if (!s->h) {
		fprintf(stderr, "wasmlinux: no semaphore (error %lu)\n",
			GetLastError());
		abort();
	}
	return s;
}

void plat_sem_free(struct plat_sem *s)
{
	CloseHandle(s->h);
	free(s);
}

void plat_sem_up(struct plat_sem *s)
{
	ReleaseSemaphore(s->h, 1, NULL);
}

void plat_sem_down(struct plat_sem *s)
{
	WaitForSingleObject(s->h, INFINITE);
}

/* (the ones of the process's affinity mask, or of all groups without one) */
unsigned int plat_cpu_count(void)
{
	DWORD_PTR mask, system;
	DWORD n = 0;

	if (!GetProcessAffinityMask(GetCurrentProcess(), &mask, &system))
		n = GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
	else
		for (; mask; mask &= mask - 1)
			n++;
	return n > 1 ? (unsigned int)n : 1;
}

bool plat_sem_trydown(struct plat_sem *s)
{
	return WaitForSingleObject(s->h, 0) == WAIT_OBJECT_0;
}

/*
 * Waits end at the system's timer interrupts, every 15.6 ms unless a
 * program asks for more: the kernel's timers want milliseconds.
 */
bool plat_sem_down_until(struct plat_sem *s, uint64_t deadline_ns)
{
	static LONG asked;

	if (!InterlockedExchange(&asked, 1))
		timeBeginPeriod(1);
	for (;;) {
		uint64_t now = plat_time_mono();
		DWORD ms = 0;

		if (deadline_ns > now)
			ms = (DWORD)((deadline_ns - now + 999999) / 1000000);
		if (WaitForSingleObject(s->h, ms) == WAIT_OBJECT_0)
			return true;
		if (plat_time_mono() >= deadline_ns)
			return false;
	}
}

/*
 * What each thread that runs wasm code has: a handle others interrupt it
 * through, and the context an interrupt saved.
 */
struct thread_slot {
	HANDLE h;
	SRWLOCK lock;		/* one interrupter at a time */
	volatile LONG pending;	/* redirected, context not yet taken */
	CONTEXT saved;
	HANDLE retry;		/* under lock: the timer that tries again */
	bool leaving;		/* under lock: the thread is ending */
};

static _Thread_local struct thread_slot *self;
static _Thread_local ULONG_PTR stack_low;

struct thread_start {
	void (*fn)(void *);
	void *arg;
};

static DWORD WINAPI thread_main(void *p)
{
	struct thread_start st = *(struct thread_start *)p;

	free(p);
	st.fn(st.arg);
	return 0;
}

/* Stacks as large as Linux's default: wasm calls nest deep. */
#define THREAD_STACK	(8u << 20)

bool plat_thread_start(void (*fn)(void *), void *arg)
{
	struct thread_start *st = xalloc(sizeof(*st));
	HANDLE h;

	st->fn = fn;
	st->arg = arg;
	h = CreateThread(NULL, THREAD_STACK, thread_main, st,
			 STACK_SIZE_PARAM_IS_A_RESERVATION, NULL);
	if (!h) {
		free(st);
		return false;
	}
	CloseHandle(h);
	return true;
}

static struct thread_slot *slot_self(void)
{
	if (!self) {
		self = xalloc(sizeof(*self));
		InitializeSRWLock(&self->lock);
		DuplicateHandle(GetCurrentProcess(), GetCurrentThread(),
				GetCurrentProcess(), &self->h, 0, FALSE,
				DUPLICATE_SAME_ACCESS);
	}
	return self;
}

void plat_thread_enter(void)
{
	ULONG guarantee = 64 * 1024;
	ULONG_PTR high;

	/* room for the exception handler when the stack has run out */
	SetThreadStackGuarantee(&guarantee);
	GetCurrentThreadStackLimits(&stack_low, &high);
	slot_self();
}

bool plat_stack_fault(void *addr)
{
	uintptr_t a = (uintptr_t)addr;

	/* the stack's last pages, where its guard and guarantee are */
	return stack_low && a >= stack_low && a < stack_low + (128u << 10);
}

/*
 * No interrupter holds the slot by now (the runtime stops naming the
 * thread, under its own lock, before the thread leaves) but a retry's
 * timer may: it is told to stop, and waited for.  (A timer that deleted
 * itself to make the next one no longer touches the slot once it has
 * let go of the lock.)
 */
void plat_thread_leave(void)
{
	struct thread_slot *s = self;
	HANDLE retry;

	if (!s)
		return;
	AcquireSRWLockExclusive(&s->lock);
	s->leaving = true;
	retry = s->retry;
	s->retry = NULL;
	ReleaseSRWLockExclusive(&s->lock);
	if (retry)
		DeleteTimerQueueTimer(NULL, retry, INVALID_HANDLE_VALUE);
	self = NULL;
	CloseHandle(s->h);
	free(s);
}

uint64_t plat_time_mono(void)
{
	static LARGE_INTEGER freq;
	LARGE_INTEGER now;

	if (!freq.QuadPart)
		QueryPerformanceFrequency(&freq);
	QueryPerformanceCounter(&now);
	return (uint64_t)(now.QuadPart / freq.QuadPart) * 1000000000u +
	       (uint64_t)(now.QuadPart % freq.QuadPart) * 1000000000u /
	       (uint64_t)freq.QuadPart;
}

uint64_t plat_time_wall(void)
{
	FILETIME ft;
	ULARGE_INTEGER t;

	/* 100 ns units since 1601 */
	GetSystemTimePreciseAsFileTime(&ft);
	t.LowPart = ft.dwLowDateTime;
	t.HighPart = ft.dwHighDateTime;
	return (t.QuadPart - 116444736000000000ull) * 100;
}

void *plat_reserve(size_t size)
{
	return VirtualAlloc(NULL, size, MEM_RESERVE, PAGE_NOACCESS);
}

bool plat_commit(void *addr, size_t size)
{
	return VirtualAlloc(addr, size, MEM_COMMIT, PAGE_READWRITE) != NULL;
}

static bool protect(void *addr, size_t size, DWORD prot)
{
	DWORD old;

	return VirtualProtect(addr, size, prot, &old);
}

bool plat_protect(void *addr, size_t size)
{
	return protect(addr, size, PAGE_NOACCESS);
}

bool plat_protect_writes(void *addr, size_t size)
{
	return protect(addr, size, PAGE_READONLY);
}

bool plat_decommit(void *addr, size_t size)
{
	return VirtualFree(addr, size, MEM_DECOMMIT);
}

void plat_release(void *addr, size_t size)
{
	(void)size;
	VirtualFree(addr, 0, MEM_RELEASE);
}

void plat_populate(void *addr, size_t size)
{
	WIN32_MEMORY_RANGE_ENTRY r = { addr, size };

	PrefetchVirtualMemory(GetCurrentProcess(), 1, &r, 0);
}

/*
 * Windows says which pages are in the working set, not which were never
 * touched: committed pages are said to hold data, the others not.
 */
void plat_resident(const void *addr, size_t size, unsigned char *vec)
{
	const uint8_t *p = addr, *end = p + size;
	MEMORY_BASIC_INFORMATION mi;

	while (p < end) {
		const uint8_t *next;
		size_t pages;

		if (!VirtualQuery(p, &mi, sizeof(mi)))
			break;
		next = (const uint8_t *)mi.BaseAddress + mi.RegionSize;
		if (next > end)
			next = end;
		pages = (size_t)(next - p + PLAT_PAGE - 1) / PLAT_PAGE;
		memset(vec, mi.State == MEM_COMMIT, pages);
		vec += pages;
		p = next;
	}
	if (p < end)
		memset(vec, 1, (size_t)(end - p + PLAT_PAGE - 1) / PLAT_PAGE);
}

static void (*fault_handler)(void *addr);

static LONG WINAPI on_exception(EXCEPTION_POINTERS *e)
{
	DWORD code = e->ExceptionRecord->ExceptionCode;

	if (code == EXCEPTION_ACCESS_VIOLATION &&
	    e->ExceptionRecord->NumberParameters >= 2)
		fault_handler((void *)e->ExceptionRecord->ExceptionInformation[1]);
	else if (code == EXCEPTION_STACK_OVERFLOW)
		fault_handler((void *)e->ContextRecord->Rsp);
	return EXCEPTION_CONTINUE_SEARCH;
}

void plat_on_fault(void (*fault)(void *addr))
{
	fault_handler = fault;
	AddVectoredExceptionHandler(1, on_exception);
}

static DWORD saved_in_mode, saved_out_mode;
static UINT saved_in_cp, saved_out_cp;
static bool raw_mode;

static void console_restore(void)
{
	if (!raw_mode)
		return;
	SetConsoleMode(GetStdHandle(STD_INPUT_HANDLE), saved_in_mode);
	SetConsoleMode(GetStdHandle(STD_OUTPUT_HANDLE), saved_out_mode);
	SetConsoleCP(saved_in_cp);
	SetConsoleOutputCP(saved_out_cp);
	raw_mode = false;
}

/*
 * Raw: no line input, echo or Ctrl-C processing (Ctrl-C comes as a byte
 * for the kernel's line discipline), keys as VT sequences, output through
 * the console's VT processing, both in UTF-8.
 */
bool plat_console_raw(void)
{
	HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
	HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);

	if (!GetConsoleMode(in, &saved_in_mode))
		return false;
	if (!SetConsoleMode(in, ENABLE_VIRTUAL_TERMINAL_INPUT |
			    ENABLE_WINDOW_INPUT))
		return false;
	if (GetConsoleMode(out, &saved_out_mode))
		SetConsoleMode(out, saved_out_mode | ENABLE_PROCESSED_OUTPUT |
			       ENABLE_VIRTUAL_TERMINAL_PROCESSING);
	saved_in_cp = GetConsoleCP();
	saved_out_cp = GetConsoleOutputCP();
	SetConsoleCP(CP_UTF8);
	SetConsoleOutputCP(CP_UTF8);
	raw_mode = true;
	atexit(console_restore);
	return true;
}

uint32_t plat_console_size(void)
{
	CONSOLE_SCREEN_BUFFER_INFO bi;
	int rows, cols;

	if (!GetConsoleScreenBufferInfo(GetStdHandle(STD_OUTPUT_HANDLE), &bi))
		return 0;
	rows = bi.srWindow.Bottom - bi.srWindow.Top + 1;
	cols = bi.srWindow.Right - bi.srWindow.Left + 1;
	if (rows <= 0 || cols <= 0)
		return 0;
	return (uint32_t)rows << 16 | (uint32_t)cols;
}

static HANDLE std_handle(int fd)
{
	static const DWORD which[3] = { STD_INPUT_HANDLE, STD_OUTPUT_HANDLE,
					STD_ERROR_HANDLE };

	return fd >= 0 && fd < 3 ? GetStdHandle(which[fd]) : NULL;
}

bool plat_isatty(int fd)
{
	DWORD mode;

	return GetConsoleMode(std_handle(fd), &mode);
}

/* One UTF-16 code unit of a key as UTF-8 (a surrogate pair in two). */
static size_t utf8_put(char *out, WCHAR c, WCHAR *high)
{
	uint32_t cp = c;

	if (c >= 0xd800 && c < 0xdc00) {
		*high = c;
		return 0;
	}
	if (c >= 0xdc00 && c < 0xe000) {
		if (!*high)
			return 0;
		cp = 0x10000 + (((uint32_t)*high - 0xd800) << 10) + (c - 0xdc00);
		*high = 0;
	}
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* Console input: key presses as UTF-8 bytes, and size changes. */
static long read_console(HANDLE in, char *buf, size_t size)
{
	static WCHAR high;
	INPUT_RECORD r[64];
	size_t n = 0;

	while (!n) {
		DWORD got, want = (DWORD)(size / 4 < 64 ? size / 4 : 64);

		if (!want)
			want = 1;
		if (!ReadConsoleInputW(in, r, want, &got))
			return -1;
		for (DWORD i = 0; i < got; i++) {
			KEY_EVENT_RECORD *k = &r[i].Event.KeyEvent;

			if (r[i].EventType == WINDOW_BUFFER_SIZE_EVENT && !n)
				return PLAT_INPUT_RESIZED;
			if (r[i].EventType != KEY_EVENT || !k->bKeyDown ||
			    !k->uChar.UnicodeChar)
				continue;
			for (WORD rep = 0; rep < k->wRepeatCount &&
			     n + 4 <= size; rep++)
				n += utf8_put(buf + n, k->uChar.UnicodeChar,
					      &high);
		}
	}
	return (long)n;
}

long plat_read_input(void *buf, size_t size)
{
	HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
	DWORD got;

	if (raw_mode && size >= 4)
		return read_console(in, buf, size);
	if (!ReadFile(in, buf, (DWORD)(size > 65536 ? 65536 : size), &got,
		      NULL))
		return GetLastError() == ERROR_BROKEN_PIPE ||
		       GetLastError() == ERROR_HANDLE_EOF ? 0 : -1;
	return (long)got;
}

int plat_stat(const char *path, bool follow, struct plat_stat *st)
{
	struct _stat64 s;

	(void)follow;	/* (no links are read: see plat_readlink) */
	if (_stat64(path, &s))
		return -errno;
	st->kind = (s.st_mode & _S_IFMT) == _S_IFREG ? PLAT_FILE_REG :
		   (s.st_mode & _S_IFMT) == _S_IFDIR ? PLAT_FILE_DIR :
		   PLAT_FILE_OTHER;
	/*
	 * Windows has no execute bits, and write is all it says: files come
	 * in as a FAT mount shows them, executable (0755, 0555 read-only).
	 */
	st->mode = s.st_mode & _S_IWRITE ? 0755 : 0555;
	st->size = (uint64_t)s.st_size;
	return 0;
}

/* (symbolic links need a privilege on Windows: none are made or read) */
long plat_readlink(const char *path, char *buf, size_t size)
{
	(void)path, (void)buf, (void)size;
	return -EINVAL;
}

int plat_symlink(const char *target, const char *path)
{
	(void)target, (void)path;
	return -EPERM;
}

int plat_mkdir(const char *path, unsigned int mode)
{
	(void)mode;
	return _mkdir(path) && errno != EEXIST ? -errno : 0;
}

void plat_chmod(const char *path, unsigned int mode)
{
	/* only the write bit means anything to Windows */
	_chmod(path, mode & 0200 ? _S_IREAD | _S_IWRITE : _S_IREAD);
}

intptr_t plat_file_open(const char *path, bool ro, uint64_t *size,
			char *why, size_t why_size)
{
	HANDLE h = CreateFileA(path, GENERIC_READ | (ro ? 0 : GENERIC_WRITE),
			       FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
			       OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
	LARGE_INTEGER n;

	if (h == INVALID_HANDLE_VALUE) {
		snprintf(why, why_size, "%s: cannot open it (Windows error %lu)",
			 path, GetLastError());
		return -1;
	}
	if (GetFileType(h) != FILE_TYPE_DISK || !GetFileSizeEx(h, &n)) {
		snprintf(why, why_size, "%s: not a file", path);
		CloseHandle(h);
		return -1;
	}
	*size = (uint64_t)n.QuadPart;
	return (intptr_t)h;
}

bool plat_file_io(intptr_t f, bool write, const struct plat_iov *iov,
		  unsigned int n, uint64_t off)
{
	for (unsigned int i = 0; i < n; i++) {
		char *p = iov[i].base;
		size_t left = iov[i].len;

		while (left) {
			OVERLAPPED o = { .Offset = (DWORD)off,
					 .OffsetHigh = (DWORD)(off >> 32) };
			DWORD want = left > (1u << 30) ? 1u << 30 : (DWORD)left;
			DWORD got = 0;
			BOOL ok = write ? WriteFile((HANDLE)f, p, want, &got, &o) :
					  ReadFile((HANDLE)f, p, want, &got, &o);

			if (!ok || !got)
				return false;
			p += got;
			left -= got;
			off += got;
		}
	}
	return true;
}

bool plat_file_sync(intptr_t f)
{
	return FlushFileBuffers((HANDLE)f);
}

/*
 * Zeroing a range deallocates it only in a sparse file: the disk file is
 * made sparse first (where the file system cannot, the range is zeroed).
 */
bool plat_file_punch(intptr_t f, uint64_t off, uint64_t len)
{
	FILE_ZERO_DATA_INFORMATION z;
	DWORD got;

	z.FileOffset.QuadPart = (LONGLONG)off;
	z.BeyondFinalZero.QuadPart = (LONGLONG)(off + len);
	DeviceIoControl((HANDLE)f, FSCTL_SET_SPARSE, NULL, 0, NULL, 0, &got,
			NULL);
	return DeviceIoControl((HANDLE)f, FSCTL_SET_ZERO_DATA, &z, sizeof(z),
			       NULL, 0, &got, NULL) ||
	       GetLastError() == ERROR_INVALID_FUNCTION;
}

void plat_file_close(intptr_t f)
{
	CloseHandle((HANDLE)f);
}

size_t plat_path_drive(const char *path)
{
	return ((path[0] | 0x20) >= 'a' && (path[0] | 0x20) <= 'z' &&
		path[1] == ':') ? 2 : 0;
}

char *plat_exe_dir(void)
{
	char *path = xalloc(MAX_PATH * 4), *slash, *bslash;
	DWORD n = GetModuleFileNameA(NULL, path, MAX_PATH * 4);

	if (!n || n >= MAX_PATH * 4) {
		free(path);
		return NULL;
	}
	slash = strrchr(path, '/');
	bslash = strrchr(path, '\\');
	if (bslash > slash)
		slash = bslash;
	if (slash)
		*slash = 0;
	return path;
}

static void interrupts_stop(void);

_Noreturn void plat_exit(int status)
{
	interrupts_stop();
	console_restore();
	TerminateProcess(GetCurrentProcess(), (UINT)status);
	for (;;)
		;
}

static void (*interrupt_fn)(void);
static uintptr_t image_start, image_end;
/*
 * Interrupters hold the gate shared while a thread is suspended; the end
 * of the process closes it first (Wine's TerminateProcess can wait for
 * ever on a thread that another one has suspended).
 */
static SRWLOCK interrupt_gate = SRWLOCK_INIT;
static bool exiting;

void plat_on_interrupt(void (*fn)(void))
{
	MODULEINFO mi;

	interrupt_fn = fn;
	atexit(interrupts_stop);
	if (GetModuleInformation(GetCurrentProcess(), GetModuleHandleW(NULL),
				 &mi, sizeof(mi))) {
		image_start = (uintptr_t)mi.lpBaseOfDll;
		image_end = image_start + mi.SizeOfImage;
	}
}

uintptr_t plat_thread_id(void)
{
	return (uintptr_t)slot_self();
}

/*
 * Where an interrupted thread resumes: the handler may leave by a jump
 * (plat_longjmp); if it returns, the thread goes on where it was.
 */
static void interrupt_entry(struct thread_slot *s)
{
	CONTEXT c = s->saved;

	InterlockedExchange(&s->pending, 0);
	interrupt_fn();
	RtlRestoreContext(&c, NULL);
}

static void CALLBACK retry_interrupt(void *p, BOOLEAN fired)
{
	(void)fired;
	plat_thread_interrupt((uintptr_t)p);
}

/*
 * Under s->lock.  (A one-shot timer that has fired cannot be changed: a
 * new one.)
 */
static void interrupt_later(struct thread_slot *s, uint64_t ns)
{
	DWORD ms = (DWORD)((ns + 999999) / 1000000);

	if (s->retry)
		DeleteTimerQueueTimer(NULL, s->retry, NULL);
	s->retry = NULL;
	CreateTimerQueueTimer(&s->retry, NULL, retry_interrupt, s, ms, 0,
			      WT_EXECUTEINTIMERTHREAD | WT_EXECUTEONLYONCE);
}

void plat_thread_interrupt(uintptr_t id)
{
	struct thread_slot *s = (struct thread_slot *)id;
	CONTEXT c;
	uintptr_t sp;

	if (s == self) {
		interrupt_fn();
		return;
	}
	AcquireSRWLockShared(&interrupt_gate);
	if (exiting) {
		ReleaseSRWLockShared(&interrupt_gate);
		return;
	}
	AcquireSRWLockExclusive(&s->lock);
	if (s->leaving || s->pending || SuspendThread(s->h) == (DWORD)-1) {
		ReleaseSRWLockExclusive(&s->lock);
		ReleaseSRWLockShared(&interrupt_gate);
		return;
	}
	memset(&c, 0, sizeof(c));
	c.ContextFlags = CONTEXT_FULL;
	if (!GetThreadContext(s->h, &c)) {
		ResumeThread(s->h);
		ReleaseSRWLockExclusive(&s->lock);
		ReleaseSRWLockShared(&interrupt_gate);
		return;
	}
	if (c.Rip < image_start || c.Rip >= image_end) {
		ResumeThread(s->h);
		interrupt_later(s, 1000000);
		ReleaseSRWLockExclusive(&s->lock);
		ReleaseSRWLockShared(&interrupt_gate);
		return;
	}
	s->saved = c;
	s->pending = 1;
	/* a call's frame below the interrupted one: return address, shadow */
	sp = ((c.Rsp - 256) & ~(uintptr_t)15) - 8;
	*(DWORD64 *)sp = c.Rip;
	c.Rsp = sp;
	c.Rip = (DWORD64)(uintptr_t)interrupt_entry;
	c.Rcx = (DWORD64)(uintptr_t)s;
	SetThreadContext(s->h, &c);
	ResumeThread(s->h);
	ReleaseSRWLockExclusive(&s->lock);
	ReleaseSRWLockShared(&interrupt_gate);
}

static void interrupts_stop(void)
{
	AcquireSRWLockExclusive(&interrupt_gate);
	exiting = true;
	ReleaseSRWLockExclusive(&interrupt_gate);
}

void plat_thread_interrupt_later(uint64_t ns)
{
	struct thread_slot *s = slot_self();

	AcquireSRWLockExclusive(&s->lock);
	if (!s->leaving)
		interrupt_later(s, ns);
	ReleaseSRWLockExclusive(&s->lock);
}

bool plat_random(void *buf, size_t len)
{
	return BCryptGenRandom(NULL, buf, (ULONG)len,
			       BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0;
}

size_t plat_rss(void)
{
	PROCESS_MEMORY_COUNTERS pmc;

	if (!GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof(pmc)))
		return 0;
	return pmc.WorkingSetSize;
}

const char *plat_symbol(void *code_addr)
{
	(void)code_addr;
	return NULL;
}

int plat_backtrace(void **frames, int max)
{
	return RtlCaptureStackBackTrace(0, (DWORD)max, frames, NULL);
}
