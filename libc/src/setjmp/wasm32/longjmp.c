#include <setjmp.h>
#include <stdint.h>

_Noreturn void emscripten_longjmp(uintptr_t, int);

/* Calls compiled with the setjmp lowering go to emscripten_longjmp
 * directly; this serves calls through pointers and code built without it. */
_Noreturn void longjmp(jmp_buf env, int val)
{
	emscripten_longjmp((uintptr_t)env, val);
}

weak_alias(longjmp, _longjmp);
