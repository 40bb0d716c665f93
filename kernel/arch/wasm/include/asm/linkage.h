/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_LINKAGE_H
#define _ASM_WASM_LINKAGE_H

#define __ALIGN		.align 4
#define __ALIGN_STR	".align 4"

/*
 * wasm code has no addresses.  An instruction pointer names the call site
 * by the address of a byte that is unique to it.
 */
#define _THIS_IP_ ({ static const char __this_ip; (unsigned long)&__this_ip; })

#endif
