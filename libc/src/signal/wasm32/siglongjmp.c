#include <setjmp.h>
#include <signal.h>
#include "syscall.h"

/* The mask is restored here rather than at the setjmp site, which has no
 * code of ours after the return. */
_Noreturn void siglongjmp(sigjmp_buf buf, int ret)
{
	if (buf->__fl)
		__syscall(SYS_rt_sigprocmask, SIG_SETMASK, buf->__ss, 0, _NSIG/8);
	longjmp(buf, ret);
}
