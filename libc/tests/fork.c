/*
 * fork (user_abi.h): each case says PASS or FAIL on a line of its own;
 * the program exits 0 only if all passed.
 * - the child gets 0 and a copy of the memory (data, heap, stack), which
 *   it changes without the parent seeing it; the parent gets its pid;
 * - exit statuses and deaths by signal come back through waitpid;
 * - the open files are shared: a pipe made before fork carries the
 *   child's bytes to the parent;
 * - fork deep in a recursion comes back with every frame's locals;
 * - fork then execve runs a program in the child (this one: `fork echo
 *   WORDS` says them);
 * - a thread that forks gets a child with only itself, running;
 * - 1,000 forks, each child exiting with its own status, all reaped;
 * - fork in a signal handler fails with ENOSYS (user_abi.h);
 * - clone3 without CLONE_VM is a fork (with its flags: the exit signal,
 *   CLONE_PARENT_SETTID, CLONE_PIDFD), clone3 with CLONE_VM fails with
 *   EINVAL, and clone() without CLONE_VM runs its function in a child.
 * `fork overflow` forks 14,000 frames deep, more than the room for the
 * unwound stack: the process dies of SIGILL.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int failed;
static int global = 1;

static void verdict(int ok, const char *what)
{
	printf("%s fork: %s\n", ok ? "PASS" : "FAIL", what);
	if (!ok) failed = 1;
}

/* waitpid's status for pid, or -1 */
static int reap(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid) return -1;
	return st;
}

static void copy(void)
{
	volatile int local = 10;
	char *heap = malloc(100);
	int p[2], st;
	pid_t pid;
	char buf[8] = "";

	strcpy(heap, "parent");
	if (pipe(p)) { verdict(0, "pipe"); return; }
	pid = fork();
	if (pid == 0) {
		int ok = global == 1 && local == 10 && !strcmp(heap, "parent")
			&& getppid() > 0 && getpid() != getppid();
		global = 2;
		local = 20;
		strcpy(heap, "child");
		write(p[1], ok ? "ok" : "no", 2);
		_exit(global + local == 22 ? 0 : 1);
	}
	close(p[1]);
	read(p[0], buf, 2);
	close(p[0]);
	st = reap(pid);
	verdict(pid > 0 && !strcmp(buf, "ok"),
		"the child sees the parent's data, heap and stack and its pipe");
	verdict(global == 1 && local == 10 && !strcmp(heap, "parent"),
		"the child's writes stay in the child");
	verdict(st == 0, "the child exits 0 after its writes");
	free(heap);
}

static void statuses(void)
{
	pid_t a, b;
	int sa, sb;

	a = fork();
	if (!a) _exit(42);
	b = fork();
	if (!b) {
		raise(SIGTERM);
		_exit(0);
	}
	sa = reap(a);
	sb = reap(b);
	verdict(WIFEXITED(sa) && WEXITSTATUS(sa) == 42, "waitpid: exit status 42");
	verdict(WIFSIGNALED(sb) && WTERMSIG(sb) == SIGTERM, "waitpid: killed by SIGTERM");
}

/* fork at the bottom of depth frames; each checks its own locals after */
static int deep(int depth, int seed)
{
	volatile int mine = seed * 3 + depth;
	int r;

	if (depth == 0) {
		pid_t pid = fork();
		if (pid < 0) return -1000000;
		if (pid == 0) return 0;
		return reap(pid) == 0 ? 0 : -1000000;
	}
	r = deep(depth - 1, seed + 1);
	return r + (mine == seed * 3 + depth ? 0 : 1);
}

static void recursion(void)
{
	pid_t me = getpid();
	int r = deep(500, 7);

	if (getpid() != me)
		_exit(r == 0 ? 0 : 1);
	verdict(r == 0, "fork 500 frames deep: both processes find every frame's locals");
}

static void exec(const char *self)
{
	int p[2], st;
	char buf[32] = "";
	pid_t pid;

	if (pipe(p)) { verdict(0, "pipe"); return; }
	pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		execl(self, self, "echo", "from exec", (char *)0);
		_exit(127);
	}
	close(p[1]);
	read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	st = reap(pid);
	verdict(st == 0 && !strcmp(buf, "from exec\n"), "fork then execve: the child runs a program");
}

static void *child_thread(void *arg)
{
	return arg;
}

static void *forker(void *arg)
{
	pid_t pid = fork();

	(void)arg;
	if (pid == 0) {
		pthread_t t;
		void *r = 0;
		int ok = !pthread_create(&t, 0, child_thread, (void *)5L)
			&& !pthread_join(t, &r);
		_exit(ok ? (int)(long)r : 6);
	}
	return (void *)(long)(pid > 0 ? reap(pid) : -1);
}

static void threads(void)
{
	pthread_t t;
	void *r = 0;

	if (pthread_create(&t, 0, forker, 0) || pthread_join(t, &r)) {
		verdict(0, "pthread_create");
		return;
	}
	verdict(WIFEXITED((int)(long)r) && WEXITSTATUS((int)(long)r) == 5,
		"a thread forks: its child runs and makes a thread of its own");
}

static int handler_ret, handler_errno;

static void forking_handler(int sig)
{
	(void)sig;
	handler_ret = fork();
	handler_errno = errno;
	if (handler_ret == 0)
		_exit(0);
}

static void in_handler(void)
{
	signal(SIGUSR1, forking_handler);
	raise(SIGUSR1);
	if (handler_ret > 0)
		reap(handler_ret);
	verdict(handler_ret == -1 && handler_errno == ENOSYS,
		"fork in a signal handler fails with ENOSYS");
}

static int clone_fn(void *arg)
{
	return *(int *)arg + global;
}

static void clones(void)
{
	pid_t tid = 0;
	int pidfd = -1, st, arg = 40;
	struct clone_args ca = {
		.flags = CLONE_PARENT_SETTID | CLONE_PIDFD,
		.pidfd = (uintptr_t)&pidfd,
		.parent_tid = (uintptr_t)&tid,
		.exit_signal = SIGCHLD,
	};
	long pid = syscall(SYS_clone3, &ca, sizeof ca);
	static char stack[4096];

	if (pid == 0) _exit(global == 1 ? 9 : 1);
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	int polled = poll(&pfd, 1, 5000);
	st = reap(pid);
	verdict(pid > 0 && tid == pid && pidfd >= 0 && polled == 1 &&
		WIFEXITED(st) && WEXITSTATUS(st) == 9,
		"clone3 without CLONE_VM: a child, its tid and a pidfd that polls at its exit");
	close(pidfd);
	ca = (struct clone_args){ .flags = CLONE_VM, .exit_signal = SIGCHLD };
	pid = syscall(SYS_clone3, &ca, sizeof ca);
	verdict(pid == -1 && errno == EINVAL, "clone3 with CLONE_VM fails with EINVAL");
	pid = clone(clone_fn, stack + sizeof stack, SIGCHLD, &arg);
	st = reap(pid);
	verdict(pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 41,
		"clone() without CLONE_VM runs its function in a child");
}

static void many(void)
{
	int bad = 0;

	for (int i = 0; i < 1000; i++) {
		pid_t pid = fork();
		if (pid == 0) _exit(i & 0x7f);
		if (pid < 0 || reap(pid) != (i & 0x7f) << 8) bad++;
	}
	verdict(!bad, "1,000 forks, each child's status reaped");
}

int main(int argc, char **argv)
{
	/* fork echo WORDS: says them; fork many: only the 1,000 forks */
	if (argc == 3 && !strcmp(argv[1], "echo")) {
		puts(argv[2]);
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "many")) {
		many();
		return failed;
	}
	if (argc == 2 && !strcmp(argv[1], "overflow")) {
		printf("overflow: %d\n", deep(14000, 1));
		return 0;
	}
	copy();
	statuses();
	recursion();
	exec(argv[0]);
	threads();
	in_handler();
	clones();
	many();
	return failed;
}
