/* vfork + _exit/execve, nested vfork, posix_spawn, system, popen. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <spawn.h>
#include <sys/wait.h>

static int fails;
#define CHECK(c) do { if (!(c)) { printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #c); fails++; } } while (0)

extern char **environ;

static pid_t child_then_exit(int code)
{
	pid_t p = vfork();
	if (p == 0) _exit(code);
	return p;
}

int main(void)
{
	int st;
	volatile int shared = 0;
	pid_t p = vfork();
	if (p == 0) {
		shared = 1;	/* memory is shared with the parent, as vfork */
		_exit(7);
	}
	CHECK(p > 0 && shared == 1);
	CHECK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 7);

	p = vfork();
	if (p == 0) {
		/* the child vforks again */
		pid_t q = child_then_exit(3);
		int s2;
		if (q <= 0 || waitpid(q, &s2, 0) != q || WEXITSTATUS(s2) != 3) _exit(99);
		char *argv[] = { "true", 0 };
		execve("/bin/true", argv, environ);
		_exit(127);
	}
	CHECK(p > 0);
	CHECK(waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0);

	char *argv[] = { "echo", "spawned", 0 };
	CHECK(posix_spawn(&p, "/bin/echo", 0, 0, argv, environ) == 0 && p > 0);
	CHECK(waitpid(p, &st, 0) == p && WEXITSTATUS(st) == 0);

	CHECK(system("false") != -1);
	FILE *f = popen("echo hi", "r");
	CHECK(f != 0);
	char buf[16];
	CHECK(fgets(buf, sizeof buf, f) == 0);	/* harness pipes are empty */
	CHECK(pclose(f) == 0);

	printf("vfork: %s (%d failures)\n", fails ? "FAIL" : "PASS", fails);
	return fails != 0;
}
