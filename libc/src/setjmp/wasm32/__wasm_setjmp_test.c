#include <setjmp.h>

struct wasm_jb {
	void *invocation;
	unsigned long label;
	void *env;
	int val;
};

/* Called where a __c_longjmp exception is caught: the label of the setjmp
 * site if env belongs to this function invocation, else 0 (rethrow). */
unsigned long __wasm_setjmp_test(void *env, void *invocation)
{
	struct wasm_jb *jb = env;
	return jb->invocation == invocation ? jb->label : 0;
}
