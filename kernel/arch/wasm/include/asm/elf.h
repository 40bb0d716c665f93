/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_ELF_H
#define _ASM_WASM_ELF_H

#include <asm/ptrace.h>

/* wasm programs are not ELF; these only satisfy generic headers. */
#define ELF_ARCH		0
#define ELF_CLASS		ELFCLASS32
#define ELF_DATA		ELFDATA2LSB
#define ELF_EXEC_PAGESIZE	PAGE_SIZE
#define ELF_PLATFORM		(NULL)
#define ELF_HWCAP		(0)
#define elf_check_arch(x)	(0)

typedef unsigned long elf_greg_t;
#define ELF_NGREG (sizeof(struct user_regs_struct) / sizeof(elf_greg_t))
typedef elf_greg_t elf_gregset_t[ELF_NGREG];
typedef unsigned long elf_fpregset_t;

#endif
