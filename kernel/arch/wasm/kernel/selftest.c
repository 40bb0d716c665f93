// SPDX-License-Identifier: GPL-2.0
/*
 * Self tests for the test suite, chosen with wasm_selftest= (a __setup
 * parameter, so running them also proves that table works):
 *   panic       panic deliberately
 *   trap        execute a wasm "unreachable" instruction
 *   kthreads:N  start N kernel threads and stop each one
 * An early initcall reports itself too, proving that level runs.
 */
#include <linux/completion.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/string.h>

static char *selftest __initdata;
static bool early_ran __initdata;

static int __init wasm_selftest_setup(char *arg)
{
	selftest = arg;
	return 1;
}
__setup("wasm_selftest=", wasm_selftest_setup);

static int __init wasm_selftest_early(void)
{
	early_ran = true;
	return 0;
}
early_initcall(wasm_selftest_early);

static int wasm_selftest_thread(void *started)
{
	complete(started);
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

static void __init wasm_selftest_kthreads(unsigned int n)
{
	unsigned int i, started = 0, stopped = 0;

	for (i = 0; i < n; i++) {
		DECLARE_COMPLETION_ONSTACK(running);
		struct task_struct *k;

		k = kthread_run(wasm_selftest_thread, &running, "selftest/%u", i);
		if (IS_ERR(k))
			continue;
		wait_for_completion(&running);
		started++;
		if (kthread_stop(k) == 0)
			stopped++;
	}
	pr_info("wasm_selftest: kthreads: %u started, %u stopped\n",
		started, stopped);
}

static int __init wasm_selftest_run(void)
{
	unsigned int n;

	pr_info("wasm_selftest: early initcalls %s\n",
		early_ran ? "ran" : "did not run");
	if (!selftest)
		return 0;
	pr_info("wasm_selftest: %s\n", selftest);
	if (!strcmp(selftest, "panic"))
		panic("wasm_selftest: deliberate panic");
	if (!strcmp(selftest, "trap"))
		__builtin_trap();
	if (sscanf(selftest, "kthreads:%u", &n) == 1)
		wasm_selftest_kthreads(n);
	return 0;
}
late_initcall(wasm_selftest_run);
