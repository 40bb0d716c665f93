#include <unistd.h>
#include "libc.h"

/*
 * The main(void) of a program whose main is main(int, char **, char **),
 * which keeps the name main on wasm (crt1.c): it gets what crt1 was
 * given.  A program without any main calls a null function and traps.
 */
weak int main(int, char **, char **);
extern hidden int __wasm_argc;
extern hidden char **__wasm_argv;

int __main_void(void)
{
	return main(__wasm_argc, __wasm_argv, __environ);
}
