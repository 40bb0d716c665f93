// SPDX-License-Identifier: GPL-2.0
/*
 * The end of the run.  Power-off, halt and restart are told to the host;
 * so is a panic, once its report is out.  When init exits, or dies, the
 * host powers off and takes init's status as the run's (as a container's
 * init does).
 */
#include <linux/fdtable.h>
#include <linux/panic_notifier.h>
#include <linux/pm.h>
#include <linux/reboot.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/syscalls.h>
#include <linux/task_work.h>
#include <asm/host.h>
#include "wasm_arch.h"

/*
 * The run's status for init's wait status @code (as in exit_code): the
 * exit status, or 128 + the signal that killed it, as shells report it.
 */
static u32 wasm_init_status(int code)
{
	if (code & 0x7f)
		return 128 + (code & 0x7f);
	return (code >> 8) & 0xff;
}

/*
 * init calls exit with @code.  Its files are closed first and the CPU
 * let go, so that what it wrote reaches the host; what the page cache
 * holds is written to the disks, as a clean power-off would have it.
 */
void wasm_init_exit(long code)
{
	u32 status = wasm_init_status((code & 0xff) << 8);

	pr_info("init exited with status %u: powering off\n", status);
	__close_range(0, ~0U, 0);
	task_work_run();	/* the final fput()s: the pipes' readers see EOF */
	ksys_sync();
	wasm_host_leave();
	host_power_off(WASM_POWER_INIT_EXIT | status);
}

static const char *wasm_panic_msg;

static int wasm_panic_event(struct notifier_block *nb, unsigned long event,
			    void *msg)
{
	int code;

	/* init died of a signal: the run ends as if it had exited */
	if (is_global_init(current) && (current->flags & PF_EXITING)) {
		code = current->signal->group_exit_code ?: current->exit_code;
		host_power_off(WASM_POWER_INIT_EXIT | wasm_init_status(code));
	}
	wasm_panic_msg = msg;
	return NOTIFY_DONE;
}

static struct notifier_block wasm_panic_block = {
	.notifier_call = wasm_panic_event,
};

/* panic() calls this once its report is out; the host ends the run. */
static long wasm_panic_blink(int state)
{
	host_panic(HOST_ADDR(wasm_panic_msg ? wasm_panic_msg : "panic"));
	return 0;
}

void __init wasm_reboot_init(void)
{
	atomic_notifier_chain_register(&panic_notifier_list, &wasm_panic_block);
	panic_blink = wasm_panic_blink;
}

void machine_restart(char *cmd)
{
	host_power_off(WASM_POWER_RESTART);
	unreachable();
}

void machine_halt(void)
{
	host_power_off(WASM_POWER_HALT);
	unreachable();
}

void machine_power_off(void)
{
	host_power_off(WASM_POWER_OFF);
	unreachable();
}

void (*pm_power_off)(void) = machine_power_off;
