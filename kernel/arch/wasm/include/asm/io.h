/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_IO_H
#define _ASM_WASM_IO_H

/*
 * There is no port I/O.  A base in the host-protected first page makes a
 * stray port access trap instead of touching memory.
 */
#define PCI_IOBASE	((void __iomem *)0x1000)

#include <asm-generic/io.h>

#endif
