/*
 * The musl port inside WasmLinux: each check prints "ok WHAT" or
 * "FAIL WHAT" (tests/run-tests.sh counts them).
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void check(int cond, const char *what)
{
	printf("%s %s\n", cond ? "ok" : "FAIL", what);
	fflush(stdout);
}

static jmp_buf jb;
static sigjmp_buf sjb;

static void deep(int n)
{
	if (!n)
		longjmp(jb, 7);
	deep(n - 1);
}

static void test_setjmp(void)
{
	volatile int pass = 0;
	sigset_t set;
	int v;

	v = setjmp(jb);
	if (!v)
		deep(10);
	check(v == 7, "libc: longjmp through 10 frames returns its value to setjmp");

	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	if (!sigsetjmp(sjb, 1)) {
		sigaddset(&set, SIGUSR2);
		sigprocmask(SIG_BLOCK, &set, NULL);
		pass = 1;
		siglongjmp(sjb, 1);
	}
	sigprocmask(SIG_BLOCK, NULL, &set);
	check(pass && !sigismember(&set, SIGUSR2),
	      "libc: siglongjmp restores the signal mask saved by sigsetjmp");
}

static void test_malloc(void)
{
	enum { N = 2000 };
	static char *p[N];
	unsigned seed = 1;
	int good = 1;

	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < N; i++) {
			size_t n = (seed = seed * 1103515245 + 12345) % 20000 + 1;

			p[i] = malloc(n);
			if (!p[i]) {
				good = 0;
				break;
			}
			memset(p[i], i & 0xff, n);
			p[i][0] = (char)i;
		}
		for (int i = 0; i < N; i++) {
			if (p[i] && p[i][0] != (char)i)
				good = 0;
			free(p[i]);
		}
	}
	void *big = malloc(64 << 20);
	check(good && big, "libc: malloc/free of 8000 blocks and one of 64 MiB");
	free(big);

	char *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	check(m != MAP_FAILED && !m[12345] && !munmap(m, 1 << 20),
	      "libc: anonymous mmap gives zeroed memory, munmap takes it back");
}

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	got = sig;
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got = sig == SIGUSR2 && si->si_pid == getpid() ? 100 : -1;
}

static void test_signals(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };

	sigaction(SIGUSR1, &sa, NULL);
	kill(getpid(), SIGUSR1);
	check(got == SIGUSR1, "libc: a handler runs for a signal sent to itself");

	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR2, &sa, NULL);
	kill(getpid(), SIGUSR2);
	check(got == 100, "libc: an SA_SIGINFO handler gets the sender's pid");

	signal(SIGALRM, on_usr1);
	got = 0;
	alarm(1);
	struct timespec ts = { 5, 0 };
	int r = nanosleep(&ts, NULL);
	check(r == -1 && errno == EINTR && got == SIGALRM,
	      "libc: alarm interrupts a sleep with EINTR after its handler");
}

static void test_processes(const char *self)
{
	int fd[2], status = -1;
	char buf[64] = "";
	pid_t pid;

	pid = vfork();
	if (pid == 0)
		_exit(42);
	check(pid > 0 && waitpid(pid, &status, 0) == pid &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "libc: vfork child _exit(42) is reaped with status 42");

	if (pipe(fd)) {
		check(0, "libc: pipe");
		return;
	}
	pid = vfork();
	if (pid == 0) {
		dup2(fd[1], 1);
		execl(self, self, "child", (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	ssize_t n = read(fd[0], buf, sizeof(buf) - 1);
	close(fd[0]);
	waitpid(pid, &status, 0);
	check(n > 0 && !strncmp(buf, "child says hi", 13) &&
	      WEXITSTATUS(status) == 5,
	      "libc: vfork + execve: the child program writes into a pipe");

	char *argv[] = { (char *)self, "child", NULL };
	pid = -1;
	if (posix_spawn(&pid, self, NULL, NULL, argv, environ) == 0 &&
	    waitpid(pid, &status, 0) == pid)
		check(WIFEXITED(status) && WEXITSTATUS(status) == 5,
		      "libc: posix_spawn runs a program and waitpid reaps it");
	else
		check(0, "libc: posix_spawn runs a program and waitpid reaps it");
}

static void test_files(void)
{
	const char *path = "/tmp/libc-test.txt";
	char buf[32] = "";
	struct stat st;
	FILE *f = fopen(path, "w");

	if (f) {
		fprintf(f, "line %d\n", 1);
		fclose(f);
	}
	f = fopen(path, "r");
	check(f && fgets(buf, sizeof(buf), f) && !strcmp(buf, "line 1\n") &&
	      !stat(path, &st) && st.st_size == 7,
	      "libc: stdio writes and reads back a file in /tmp");
	if (f)
		fclose(f);
	unlink(path);
	errno = 0;
	check(open("/no/such/file", O_RDONLY) == -1 && errno == ENOENT,
	      "libc: errno is ENOENT for a missing file");
	struct timespec t;
	check(!clock_gettime(CLOCK_REALTIME, &t) && t.tv_sec > 1700000000,
	      "libc: clock_gettime gives the host's time");
}

/* The host clears a program's memory for the kernel: 17 pages from an
 * unaligned address, not a byte more; and to the end of the memory only.
 * (Run first: the memory's last bytes are then no allocation's.) */
static void test_zero(void)
{
	static char buf[3 + 17 * 4096 + 3];
	char *end = (char *)(__builtin_wasm_memory_size(0) * 65536);
	int fd = open("/dev/zero", O_RDONLY);
	ssize_t n;
	int zeros = 1;

	memset(buf, 0xaa, sizeof(buf));
	n = fd >= 0 ? read(fd, buf + 3, 17 * 4096) : -1;
	for (size_t i = 3; i < 3 + 17 * 4096; i++)
		zeros &= !buf[i];
	check(n == 17 * 4096 && zeros && buf[2] == (char)0xaa &&
	      buf[3 + 17 * 4096] == (char)0xaa,
	      "libc: a read of /dev/zero clears the 68 KiB it read, not a byte more");
	end[-1] = 1;
	n = fd >= 0 ? read(fd, end - 100, 8192) : -1;
	check(n == 100 && !end[-1],
	      "libc: a read of /dev/zero past the memory's end clears up to it (100 of 8192)");
	if (fd >= 0)
		close(fd);
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "child")) {
		printf("child says hi\n");
		return 5;
	}
	test_zero();
	test_setjmp();
	test_malloc();
	test_signals();
	test_files();
	test_processes(argv[0]);
	return 0;
}
