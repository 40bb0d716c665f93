/*
 * A vfork child that dies on its parent's thread before it executes or
 * exits: "null" stores through NULL (a trap, SIGSEGV), "kill" sends
 * itself SIGKILL, "nested" vforks again and the grandchild stores
 * through NULL.  The parent cannot resume (its stack went with the
 * child's), so it must die of the same signal, and whoever waits for it
 * must be told: not wait for ever.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *how = argc > 1 ? argv[1] : "null";
	int status = 0;
	pid_t pid;

	pid = vfork();
	if (pid == 0) {
		if (!strcmp(how, "kill"))
			kill(getpid(), SIGKILL);
		else if (!strcmp(how, "nested") && vfork() > 0)
			_exit(3);
		else
			*(volatile int *)0 = 1;
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("vfork-trap: the parent resumed (child status %#x)\n", status);
	return 1;
}
