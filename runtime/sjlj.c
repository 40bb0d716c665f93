#define _POSIX_C_SOURCE 200809L
/*
 * setjmp/longjmp of user programs (<asm/user_abi.h>).  LLVM's
 * Emscripten-style lowering makes every call of a function that calls
 * setjmp go through an invoke import (generated in each program's glue,
 * tools/w2c-program.py), which sets a C jump buffer; the program's
 * longjmp comes here, which jumps to the innermost one on the thread.
 * The invoke returns, and the lowered code finds in its memory where the
 * longjmp goes: to a setjmp of that frame, or further out through the
 * next invoke.  The buffers need no signal mask (siglongjmp restores the
 * program's own in its libc): C's setjmp, which saves none on the hosts
 * we build for, costs no system call.
 *
 * A longjmp can only reach a setjmp through an invoke of its function:
 * while that function's own code runs, the program's __wasm_sjlj_mark
 * says so (user_abi.h), kept here, and an interrupt runs no signal
 * handler (user.c).
 */
#include <setjmp.h>

#include "internal.h"
#include "user.h"

const wasm_rt_funcref_t *wl_invoke_enter(struct Z_env_instance_t *env,
					 struct wl_invoke *iv, uint32_t fn,
					 uint32_t type)
{
	wl_umem *m = (wl_umem *)env;
	wasm_rt_funcref_table_t *t = m->prog->table(ut.inst);

	if (fn >= t->size || !t->data[fn].func || t->data[fn].func_type != type)
		wasm_rt_trap(WASM_RT_TRAP_CALL_INDIRECT);
	iv->outer = ut.invoke;
	iv->signals = ut.signals;
	if (ut.mark)
		iv->mark = *ut.sp > *ut.mark ? *ut.sp : *ut.mark;
	ut.invoke = iv;
	if (ut.mark)
		*ut.mark = 0;
	/* (an interrupt that came where no handler could run: here one can) */
	if (ut.kicked)
		wl_user_interrupted();
	return &t->data[fn];
}

void wl_invoke_leave(struct wl_invoke *iv)
{
	if (ut.mark)
		*ut.mark = iv->mark;
	ut.invoke = iv->outer;
}

/*
 * The program's longjmp.  It may come from a signal handler that the
 * kernel had the host run at the end of a system call (user_signal): the
 * jump leaves the handler as siglongjmp does elsewhere.  With no invoke
 * to return from, there is no setjmp to go to: the program traps.
 */
void Z_linuxZ_longjmp(wl_umem *m)
{
	struct wl_invoke *iv = ut.invoke;

	(void)m;
	if (!iv)
		wasm_rt_trap(WASM_RT_TRAP_UNREACHABLE);
	ut.signals = iv->signals;
	ut.in_user = true;
	longjmp(iv->jb, 1);
}
