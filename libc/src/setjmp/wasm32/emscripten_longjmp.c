#include <stdint.h>

/*
 * The state of LLVM's Emscripten-style setjmp/longjmp lowering (the
 * driver's -enable-emscripten-sjlj), which uses no wasm exception
 * handling, so that Asyncify can unwind through it (fork).  A function
 * that calls setjmp makes each of its calls through the host's invoke
 * import (user_abi.h); a longjmp records its target here and has the
 * host return from the innermost invoke, after which the lowered code
 * finds __THREW__ set and goes to the setjmp of that env, or longjmps on.
 */
_Thread_local uintptr_t __THREW__;
_Thread_local int __threwValue;

_Noreturn void __wasm_linux_longjmp(void)
	__attribute__((__import_module__("linux"), __import_name__("longjmp")));

_Noreturn void emscripten_longjmp(uintptr_t env, int val)
{
	__THREW__ = env;
	__threwValue = val ? val : 1;
	__wasm_linux_longjmp();
}
