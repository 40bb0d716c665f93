/*
 * A user program without a libc: the program side of <asm/user_abi.h>
 * written out by hand, to test the kernel and the hosts apart from musl.
 *   raw hello | args ... | exit N | trap | null | pid | signal | vfork
 */
#include <asm/unistd_32.h>

#define SA_SIGINFO	4
#define SIGUSR1		10
#define SIGCHLD		17
#define CLONE_VM	0x100
#define CLONE_VFORK	0x4000
#define P_PID		1
#define WEXITED		4

#include "raw-out.h"

static int eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static volatile int got;

static void on_usr1(int sig)
{
	got = sig;
}

__attribute__((export_name("__wasm_signal")))
void wasm_signal(void (*handler)(int), int sig, int flags)
{
	unsigned char info[128], uc[256];

	sys(__NR_wasm_sigframe, (long)info, (long)uc, 0, 0, 0, 0);
	if (!(flags & SA_SIGINFO))
		handler(sig);
	/* uc_sigmask, after uc_flags, uc_link, uc_stack, uc_mcontext */
	sys(__NR_rt_sigreturn, (long)uc, 0, 0, 0, 0, 0);
}

struct ksigaction {
	void (*handler)(int);
	unsigned long flags;
	unsigned long mask[2];
};

__attribute__((export_name("_start")))
void start(long *args)
{
	long argc = args[0];
	char **argv = (char **)(args + 1);
	const char *cmd = argc > 1 ? argv[1] : "hello";

	if (eq(cmd, "hello")) {
		out("hello from a user program\n");
	} else if (eq(cmd, "args")) {
		for (long i = 0; i < argc; i++) {
			out(argv[i]);
			out(i + 1 < argc ? " " : "\n");
		}
	} else if (eq(cmd, "exit")) {
		long n = 0;

		for (const char *p = argc > 2 ? argv[2] : "0"; *p; p++)
			n = n * 10 + *p - '0';
		sys(__NR_exit_group, n, 0, 0, 0, 0, 0);
	} else if (eq(cmd, "trap")) {
		__builtin_trap();
	} else if (eq(cmd, "null")) {
		out("before\n");
		*(volatile int *)16 = 1;
		out("after\n");
	} else if (eq(cmd, "pid")) {
		out_num(sys(__NR_getpid, 0, 0, 0, 0, 0, 0));
		out("\n");
	} else if (eq(cmd, "signal")) {
		struct ksigaction sa = { on_usr1, 0, { 0, 0 } };

		sys(__NR_rt_sigaction, SIGUSR1, (long)&sa, 0, 8, 0, 0);
		sys(__NR_kill, sys(__NR_getpid, 0, 0, 0, 0, 0, 0), SIGUSR1,
		    0, 0, 0, 0);
		out(got == SIGUSR1 ? "handled SIGUSR1\n" : "no signal\n");
	} else if (eq(cmd, "vfork")) {
		/*
		 * Without setjmp: the child's exit_group and execve return the
		 * child's pid on this same path, as user_abi.h says.
		 */
		static char *argv2[] = { "raw", "hello", 0 }, *envp[] = { 0 };
		int info[32], *status = &info[5];	/* si_status */
		long pid = sys(__NR_clone, CLONE_VM | CLONE_VFORK | SIGCHLD, 0,
			       0, 0, 0, 0);

		if (pid == 0) {
			out("child ");
			out_num(sys(__NR_getpid, 0, 0, 0, 0, 0, 0));
			out("\n");
			pid = sys(__NR_exit_group, 3, 0, 0, 0, 0, 0);
		}
		sys(__NR_waitid, P_PID, pid, (long)info, WEXITED, 0, 0);
		out("parent ");
		out_num(sys(__NR_getpid, 0, 0, 0, 0, 0, 0));
		out(" reaped ");
		out_num(pid);
		out(" status ");
		out_num(*status);
		out("\n");
		pid = sys(__NR_clone, CLONE_VM | CLONE_VFORK | SIGCHLD, 0,
			  0, 0, 0, 0);
		if (pid == 0)
			pid = sys(__NR_execve, (long)"/bin/raw", (long)argv2,
				  (long)envp, 0, 0, 0);
		sys(__NR_waitid, P_PID, pid, (long)info, WEXITED, 0, 0);
		out("exec child status ");
		out_num(*status);
		out("\n");
	} else {
		out("raw: unknown command\n");
		sys(__NR_exit_group, 2, 0, 0, 0, 0, 0);
	}
	sys(__NR_exit_group, 0, 0, 0, 0, 0, 0);
}
