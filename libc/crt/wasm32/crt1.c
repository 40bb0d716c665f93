#include <features.h>
#include "libc.h"

#define START "_start"

#include "crt_arch.h"

/*
 * clang names main by its form on wasm: main(int, char **) is
 * __main_argc_argv, main(void) is __main_void, and main(int, char **,
 * char **) keeps the name main; each is called at its exact wasm
 * signature.  A program without either of the first two gets libc's
 * __main_void (src/env/wasm32/__main_void.c), which calls the third with
 * what is left here.  (Naming main here would clash with the main(int,
 * char **) that clang also emits for main(void).)
 */
weak int __main_argc_argv(int, char **);
int __main_void(void);
hidden int __wasm_argc;
hidden char **__wasm_argv;

int __libc_start_main(int (*)(int, char **, char **), int, char **,
	void (*)(), void (*)(), void (*)());

void __wasm_call_ctors(void);

/* C++ and __attribute__((destructor)) register with this handle. */
void *__dso_handle = &__dso_handle;

static int main_args(int argc, char **argv, char **envp)
{
	if (__main_argc_argv) return __main_argc_argv(argc, argv);
	__wasm_argc = argc;
	__wasm_argv = argv;
	return __main_void();
}

/* wasm-ld gathers constructors into __wasm_call_ctors instead of an
 * init_array; __libc_start_main calls _init once libc is initialised. */
void _init(void)
{
	__wasm_call_ctors();
}

/* (reports the memory the program starts with to the kernel) */
hidden void __wasm_mm_start(void);

hidden void _start_c(long *p)
{
	int argc = p[0];
	char **argv = (void *)(p+1);
	__wasm_mm_start();
	__libc_start_main(main_args, argc, argv, _init, 0, 0);
}
