#include <setjmp.h>

void __wasm_longjmp(void *, int);

/* Calls compiled with the setjmp lowering go to __wasm_longjmp directly;
 * this serves calls through pointers and code built without it. */
_Noreturn void longjmp(jmp_buf env, int val)
{
	__wasm_longjmp(env, val);
	__builtin_unreachable();
}

weak_alias(longjmp, _longjmp);
