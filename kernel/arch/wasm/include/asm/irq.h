/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_IRQ_H
#define _ASM_WASM_IRQ_H

#define NR_IRQS		32
#define WASM_TIMER_IRQ	1
/* WASM_IRQ_CONSOLE (2) is raised by the host, see <uapi/asm/host_ops.h> */

void wasm_trigger_irq(int irq);

#include <asm-generic/irq.h>

#endif
