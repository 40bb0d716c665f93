#include <setjmp.h>

/* Layout of __jmp_buf as LLVM's wasm setjmp lowering uses it; the last
 * two words are what __wasm_longjmp throws with the __c_longjmp tag. */
struct wasm_jb {
	void *invocation;
	unsigned long label;
	void *env;
	int val;
};

/* Called by compiler-generated code at every setjmp site. */
void __wasm_setjmp(void *env, unsigned long label, void *invocation)
{
	struct wasm_jb *jb = env;
	jb->invocation = invocation;
	jb->label = label;
}
