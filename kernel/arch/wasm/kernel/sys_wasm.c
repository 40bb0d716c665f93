// SPDX-License-Identifier: GPL-2.0
/* System calls whose generic form the port has to provide itself. */
#include <linux/mm.h>
#include <linux/syscalls.h>

SYSCALL_DEFINE6(mmap2, unsigned long, addr, unsigned long, len,
		unsigned long, prot, unsigned long, flags,
		unsigned long, fd, unsigned long, pgoff)
{
	return ksys_mmap_pgoff(addr, len, prot, flags, fd, pgoff);
}
