// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupts.  The "interrupt enable" flag is a plain variable (one CPU).
 * A host thread raising an interrupt runs it at once if the CPU is free;
 * otherwise it leaves it pending and the owner runs it when it enables
 * interrupts or lets go of the CPU.
 */
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/hardirq.h>
#include <linux/seq_file.h>
#include <asm/host.h>
#include <asm/irq_regs.h>
#include "wasm_arch.h"

unsigned long wasm_irqs_enabled;
unsigned long wasm_irqs_pending;
static bool wasm_in_irq;
static bool wasm_irqs_ready;	/* set once the interrupt descriptors exist */

/*
 * The tick needs the interrupted context's registers: without them it
 * skips update_process_times() (no scheduler tick, no CPU-time
 * accounting or timers, no timer wheel).  An interrupt that found the
 * CPU free (@cpu_was_free) while current is away came while that task
 * ran its program (or host code): from user mode.  The CPU's owner runs
 * the others in kernel code.
 */
static void wasm_run_irq(int irq, bool cpu_was_free)
{
	struct pt_regs regs = {
		.from_user = cpu_was_free && test_thread_flag(TIF_HOST_AWAY),
	};
	struct pt_regs *old;
	unsigned long flags;

	local_irq_save(flags);
	wasm_in_irq = true;
	old = set_irq_regs(&regs);
	irq_enter();
	generic_handle_irq(irq);
	irq_exit();
	set_irq_regs(old);
	wasm_in_irq = false;
	local_irq_restore(flags);
}

/* Called by the CPU owner; the bits are set by other threads. */
void wasm_run_pending_irqs(void)
{
	if (wasm_in_irq)
		return;
	while (READ_ONCE(wasm_irqs_pending)) {
		unsigned long pending;

		wasm_cpu_take_pending(&pending);
		while (pending) {
			int irq = __ffs(pending);

			pending &= ~BIT(irq);
			wasm_run_irq(irq, false);
		}
	}
}

/* Raise @irq from any host thread that does not hold the CPU. */
void wasm_trigger_irq(int irq)
{
	if (!wasm_cpu_try_get_irq(irq))
		return;
	wasm_run_irq(irq, true);
	wasm_away_interrupted();
	wasm_cpu_release();
}

/* The host raises an interrupt (e.g. console input). */
__attribute__((export_name("wasm_irq")))
void wasm_irq(u32 irq)
{
	/* Too early: there is nothing to handle it yet. */
	if (irq < NR_IRQS && READ_ONCE(wasm_irqs_ready))
		wasm_trigger_irq(irq);
}

void __init init_IRQ(void)
{
	int irq;

	for (irq = 0; irq < NR_IRQS; irq++)
		irq_set_chip_and_handler(irq, &dummy_irq_chip, handle_simple_irq);
	wasm_irqs_ready = true;
}

int arch_show_interrupts(struct seq_file *p, int prec)
{
	return 0;
}
