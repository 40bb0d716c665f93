#include <setjmp.h>
#include <signal.h>
#include "syscall.h"

/* sigsetjmp is a macro (bits/setjmp_macros.h): this saves the mask, then
 * the caller's own setjmp records the context. */
void __wasm_sigsetjmp_save(sigjmp_buf buf, int save)
{
	buf->__fl = save;
	if (save)
		__syscall(SYS_rt_sigprocmask, SIG_SETMASK, 0, buf->__ss, _NSIG/8);
}
