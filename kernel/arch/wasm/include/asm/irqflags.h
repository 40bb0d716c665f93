/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_IRQFLAGS_H
#define _ASM_WASM_IRQFLAGS_H

#include <linux/compiler.h>

#define ARCH_IRQ_DISABLED	0
#define ARCH_IRQ_ENABLED	1

extern unsigned long wasm_irqs_enabled;
extern unsigned long wasm_irqs_pending;
void wasm_run_pending_irqs(void);

static inline unsigned long arch_local_save_flags(void)
{
	return wasm_irqs_enabled;
}

/* Interrupts raised while disabled are delivered when they are enabled. */
static inline void arch_local_irq_restore(unsigned long flags)
{
	wasm_irqs_enabled = flags;
	barrier();
	if (flags == ARCH_IRQ_ENABLED && unlikely(READ_ONCE(wasm_irqs_pending)))
		wasm_run_pending_irqs();
}

#define arch_local_irq_restore arch_local_irq_restore
#define arch_local_save_flags arch_local_save_flags

#include <asm-generic/irqflags.h>

#endif
