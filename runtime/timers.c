/*
 * One-shot timers.  Each timer has a host thread that sleeps until the
 * deadline and then calls the kernel's callback, as an interrupt would.
 * A timer lives as long as the kernel (the kernel frees none), and so
 * does its thread.
 */
#include <stdlib.h>

#include "internal.h"

struct wl_timer {
	uint32_t fn, arg;
	struct plat_mutex *lock;
	struct plat_sem *wake;
	uint64_t deadline;	/* 0: disarmed */
};

static void timer_main(void *p)
{
	struct wl_timer *t = p;
	wl_ctx *ctx = wl_ctx_new();

	wl_thread_adopt(ctx);
	for (;;) {
		uint64_t deadline;
		bool fire = false;

		plat_mutex_lock(t->lock);
		deadline = t->deadline;
		plat_mutex_unlock(t->lock);

		if (!deadline) {
			plat_sem_down(t->wake);
			continue;
		}
		if (plat_sem_down_until(t->wake, deadline))
			continue;	/* re-armed: look again */
		plat_mutex_lock(t->lock);
		if (t->deadline && plat_time_mono() >= t->deadline) {
			t->deadline = 0;
			fire = true;
		}
		plat_mutex_unlock(t->lock);
		if (fire)
			wl_call_void_i32(ctx, t->fn, t->arg);
	}
}

u32 Z_hostZ_timer_alloc(wl_ctx *ctx, u32 fn, u32 arg)
{
	struct wl_timer *t = calloc(1, sizeof(*t));

	(void)ctx;
	if (!t)
		return 0;
	t->fn = fn;
	t->arg = arg;
	t->lock = plat_mutex_new();
	t->wake = plat_sem_new(0);
	if (!plat_thread_start(timer_main, t)) {
		plat_mutex_free(t->lock);
		plat_sem_free(t->wake);
		free(t);
		return 0;
	}
	wl_stats.threads++;
	return wl_handle_new(WL_TIMER, t);
}

void Z_hostZ_timer_set_oneshot(wl_ctx *ctx, u32 h, u64 delta_ns)
{
	struct wl_timer *t = wl_handle_get(WL_TIMER, h);

	(void)ctx;
	plat_mutex_lock(t->lock);
	t->deadline = delta_ns ? plat_time_mono() + delta_ns : 0;
	plat_mutex_unlock(t->lock);
	plat_sem_up(t->wake);
}
