// SPDX-License-Identifier: GPL-2.0
/*
 * The system call table.  Every entry has one wasm type, that of
 * syscall_fn_t (<asm/syscall_wrapper.h>), so that an indirect call through
 * the table can never trap on a signature mismatch.
 */
#include <linux/syscalls.h>
#include <asm/syscall.h>
#include <asm/unistd.h>

#define __SYSCALL_WITH_COMPAT(nr, native, compat)	__SYSCALL(nr, native)

#undef __SYSCALL
#define __SYSCALL(nr, sym)	long __wasm_##sym(const struct pt_regs *);
#include <asm/syscall_table_32.h>

long __wasm_sys_ni_syscall(const struct pt_regs *regs)
{
	return -ENOSYS;
}

#undef __SYSCALL
#define __SYSCALL(nr, sym)	[nr] = __wasm_##sym,

const syscall_fn_t sys_call_table[__NR_syscalls] = {
	[0 ... __NR_syscalls - 1] = __wasm_sys_ni_syscall,
#include <asm/syscall_table_32.h>
	/* (in place of NOMMU's, which unmap and move kernel memory) */
	[__NR_munmap] = __wasm_sys_wasm_munmap,
	[__NR_mremap] = __wasm_sys_wasm_mremap,
};
