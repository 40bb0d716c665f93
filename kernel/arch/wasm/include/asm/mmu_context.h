/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_MMU_CONTEXT_H
#define _ASM_WASM_MMU_CONTEXT_H

struct mm_struct;
struct task_struct;

/* A user program's memory belongs to the one mm that created it. */
#define init_new_context init_new_context
int init_new_context(struct task_struct *tsk, struct mm_struct *mm);
/* The copy of a forking program's memory (kernel/fork.c). */
int wasm_fork_mm(struct mm_struct *mm);
/* The VMAs that record a program's mappings (mm/maps.c). */
int wasm_maps_fork(struct mm_struct *mm, struct mm_struct *old);
void wasm_maps_destroy(struct mm_struct *mm);
#define destroy_context destroy_context
void destroy_context(struct mm_struct *mm);

/* /proc/PID/cmdline and the like: a program's memory is the host's. */
#define arch_access_remote_vm arch_access_remote_vm
bool arch_access_remote_vm(struct mm_struct *mm, unsigned long addr,
			   void *buf, int *len, int write);

#include <asm-generic/nommu_context.h>

#endif
