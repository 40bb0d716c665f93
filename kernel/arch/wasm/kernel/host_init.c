// SPDX-License-Identifier: GPL-2.0
/*
 * The host init.  Unless the root filesystem brings its own /init, /init
 * is a small file that this binary format recognises: "executing" it makes
 * pid 1 a host task, taken over by the host thread waiting in wasm_boot().
 */
#include <linux/binfmts.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/personality.h>
#include <linux/sched/task.h>
#include <asm/host.h>
#include "wasm_arch.h"

/* Not "#!": binfmt_script would take it. */
#define HOST_INIT_MAGIC "\177wasmlinux-host-init\n"

static void __noreturn wasm_host_init_start(void)
{
	wasm_boot_task = current;
	host_sem_up(wasm_boot_sem);
	host_thread_exit();
}

static struct linux_binfmt host_init_format;

static int load_host_init(struct linux_binprm *bprm)
{
	int ret;

	if (memcmp(bprm->buf, HOST_INIT_MAGIC, sizeof(HOST_INIT_MAGIC) - 1))
		return -ENOEXEC;
	ret = begin_new_exec(bprm);
	if (ret)
		return ret;
	set_personality(PER_LINUX);
	setup_new_exec(bprm);
	set_binfmt(&host_init_format);
	current->thread.user_start = wasm_host_init_start;
	finalize_exec(bprm);
	return 0;
}

static struct linux_binfmt host_init_format = {
	.module		= THIS_MODULE,
	.load_binary	= load_host_init,
};

static int __init wasm_host_init_setup(void)
{
	struct file *file;
	loff_t pos = 0;
	ssize_t n;

	register_binfmt(&host_init_format);
	file = filp_open("/init", O_WRONLY | O_CREAT | O_EXCL, 0700);
	if (IS_ERR(file))
		return 0;	/* the root filesystem has its own init */
	n = kernel_write(file, HOST_INIT_MAGIC, sizeof(HOST_INIT_MAGIC) - 1,
			 &pos);
	/* Closed now: exec refuses files still open for writing. */
	__fput_sync(file);
	return n < 0 ? n : 0;
}
late_initcall(wasm_host_init_setup);
