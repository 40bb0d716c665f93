// SPDX-License-Identifier: GPL-2.0
/*
 * Time: a nanosecond clocksource on the host's monotonic clock, and a
 * one-shot clock event device on a host timer that raises WASM_TIMER_IRQ.
 */
#include <linux/clockchips.h>
#include <linux/clocksource.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/sched/clock.h>
#include <linux/timekeeping.h>
#include <asm/host.h>
#include <asm/irq.h>
#include "wasm_arch.h"

static u64 wasm_clock_read(struct clocksource *cs)
{
	return host_time_mono();
}

static struct clocksource wasm_clocksource = {
	.name	= "wasm",
	.rating	= 400,
	.read	= wasm_clock_read,
	.mask	= CLOCKSOURCE_MASK(64),
	.flags	= CLOCK_SOURCE_IS_CONTINUOUS,
};

static u32 wasm_timer;

static int wasm_timer_next_event(unsigned long delta,
				 struct clock_event_device *evt)
{
	host_timer_set_oneshot(wasm_timer, delta ? delta : 1);
	return 0;
}

static int wasm_timer_shutdown(struct clock_event_device *evt)
{
	host_timer_set_oneshot(wasm_timer, 0);
	return 0;
}

static struct clock_event_device wasm_clockevent = {
	.name			= "wasm",
	.features		= CLOCK_EVT_FEAT_ONESHOT,
	.rating			= 400,
	.set_next_event		= wasm_timer_next_event,
	.set_state_shutdown	= wasm_timer_shutdown,
};

static irqreturn_t wasm_timer_interrupt(int irq, void *dev)
{
	wasm_clockevent.event_handler(&wasm_clockevent);
	return IRQ_HANDLED;
}

/* Runs on the host's timer thread. */
static void wasm_timer_expired(u32 arg)
{
	wasm_trigger_irq(WASM_TIMER_IRQ);
}

static u64 wasm_boot_ns;

/* The scheduler clock counts from boot. */
void wasm_time_early_init(void)
{
	wasm_boot_ns = host_time_mono();
}

unsigned long long sched_clock(void)
{
	return host_time_mono() - wasm_boot_ns;
}

void read_persistent_clock64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(host_time_wall());
}

void __init time_init(void)
{
	int ret;

	ret = clocksource_register_khz(&wasm_clocksource, NSEC_PER_MSEC);
	if (ret)
		panic("cannot register the wasm clocksource: %d", ret);

	wasm_timer = host_timer_alloc(HOST_FN(wasm_timer_expired), 0);
	if (!wasm_timer)
		panic("host has no timer");
	ret = request_irq(WASM_TIMER_IRQ, wasm_timer_interrupt, IRQF_TIMER,
			  "timer", NULL);
	if (ret)
		panic("cannot request the timer interrupt: %d", ret);
	wasm_clockevent.cpumask = cpumask_of(0);
	clockevents_config_and_register(&wasm_clockevent, NSEC_PER_SEC,
					1, ULONG_MAX);
}

void calibrate_delay(void)
{
	loops_per_jiffy = 1000000000 / HZ;
}

/* Delays wait on the host clock; a "loop" is one nanosecond. */
static void wasm_ndelay(u64 ns)
{
	u64 end = host_time_mono() + ns;

	while (host_time_mono() < end)
		cpu_relax();
}

void __delay(unsigned long loops)
{
	wasm_ndelay(loops);
}

void __udelay(unsigned long usecs)
{
	wasm_ndelay((u64)usecs * NSEC_PER_USEC);
}

void __ndelay(unsigned long nsecs)
{
	wasm_ndelay(nsecs);
}

void __const_udelay(unsigned long xloops)
{
	/* xloops is usecs * 2^32 / 10^6 (see asm-generic/delay.h) */
	wasm_ndelay(((u64)xloops * 1000000 >> 32) * NSEC_PER_USEC);
}
