// SPDX-License-Identifier: GPL-2.0
/* Kbuild requires this file; no assembly uses the offsets yet. */
#include <linux/kbuild.h>
#include <linux/sched.h>

int main(void)
{
	DEFINE(TASK_THREAD, offsetof(struct task_struct, thread));
	return 0;
}
