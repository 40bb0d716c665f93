#define _GNU_SOURCE
#include <unistd.h>
#include <errno.h>
#include "syscall.h"

/* Reached only when vfork is called through a pointer or with the macro
 * suppressed: the child would have no frame to unwind to afterwards. */
pid_t (vfork)(void)
{
	return __syscall_ret(-ENOSYS);
}
