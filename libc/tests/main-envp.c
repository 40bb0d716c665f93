/* main with three arguments (crt1.c): envp is the environment. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv, char **envp)
{
	int ok = argc == 2 && !strcmp(argv[1], "arg") && !argv[2] &&
		envp && envp == environ;

	printf("%s main-envp: main(argc, argv, envp) gets its arguments and the environment\n",
	       ok ? "PASS" : "FAIL");
	return !ok;
}
