/* The library interface, <wasmlinux.h>. */
#include <stdio.h>
#include <string.h>

#include <asm/unistd_32.h>

#include "internal.h"
#include "linux-abi.h"
#include "disk.h"
#include "net.h"
#include "wasmlinux.h"

static struct wasmlinux_config config;
static char cmdline[4096];

/* Children of init are reaped as they exit (SIGCHLD with SA_NOCLDWAIT). */
static long reap_children(void)
{
	uint32_t act = wl_mem_alloc(16);
	/* handler, flags, mask */
	uint32_t sa[4] = { 0, K_SA_NOCLDWAIT, 0, 0 };
	long ret;

	if (!act)
		return -K_ENOMEM;
	memcpy(wl_ptr(act), sa, sizeof(sa));
	ret = wasmlinux_syscall(__NR_rt_sigaction, K_SIGCHLD, act, 0, 8, 0, 0);
	wl_mem_free(act);
	return ret;
}

/*
 * The filesystems every Linux system has; "/" is the kernel's tmpfs.
 * /tmp is everyone's (1777: a NOMMU kernel's tmpfs is ramfs, whose
 * root is 0755 unless told).
 */
static long mount_standard(void)
{
	static const char *const fs[][3] = {
		{ "proc", "/proc", "" }, { "sysfs", "/sys", "" },
		{ "devtmpfs", "/dev", "" }, { "tmpfs", "/tmp", "mode=1777" },
	};
	uint32_t buf = wl_mem_alloc(64);
	long ret = 0;

	if (!buf)
		return -K_ENOMEM;
	for (size_t i = 0; i < sizeof(fs) / sizeof(fs[0]) && ret >= 0; i++) {
		char *type = wl_ptr(buf), *dir = wl_ptr(buf + 16);
		char *data = wl_ptr(buf + 32);

		strcpy(type, fs[i][0]);
		strcpy(dir, fs[i][1]);
		strcpy(data, fs[i][2]);
		ret = wasmlinux_syscall(__NR_mkdirat, K_AT_FDCWD, buf + 16,
					0755, 0, 0, 0);
		if (ret == -K_EEXIST)
			ret = 0;
		if (ret >= 0)
			ret = wasmlinux_syscall(__NR_mount, buf, buf + 16, buf,
						0, buf + 32, 0);
	}
	wl_mem_free(buf);
	return ret;
}

int wasmlinux_boot(const struct wasmlinux_config *cfg)
{
	char why[256];
	wl_ctx *ctx;
	long ret;

	if (wl_env.memory.data)
		return -K_EBUSY;
	config = *cfg;
	if (config.mem_mb) {
		int n = snprintf(cmdline, sizeof(cmdline), "mem=%uM %s",
				 config.mem_mb, cfg->cmdline ? cfg->cmdline : "");

		if (n < 0 || (size_t)n >= sizeof(cmdline))
			return -K_E2BIG;
		config.cmdline = cmdline;
	}
	wl_configure(&config);
	wl_kernel_load();
	if (wl_net_start(config.net, why, sizeof(why))) {
		fprintf(stderr, "wasmlinux: network '%s': %s\n", config.net,
			why);
		return -K_EINVAL;
	}
	if (wl_disks_start(config.disks, why, sizeof(why))) {
		fprintf(stderr, "wasmlinux: disk %s\n", why);
		return -K_EINVAL;
	}
	ctx = wl_ctx_new();
	wl_thread_adopt(ctx);
	ret = (int32_t)Z_kernelZ_wasm_boot(&ctx->inst);
	if (ret >= 0)
		ret = mount_standard();
	if (ret >= 0)
		ret = reap_children();
	if (ret >= 0 && config.console_input)
		wl_console_input_start();
	return (int)ret;
}

long wasmlinux_spawn(enum wasmlinux_task_kind kind, void (*fn)(void *),
		     void *arg)
{
	const struct wl_spawn spawn = { fn, arg };
	wl_ctx *ctx = wl_ctx_self();
	uint32_t flags;
	long ret;

	if (!ctx)
		return -K_ESRCH;
	if (!fn)
		return -K_EINVAL;
	if (kind == WASMLINUX_PROCESS)
		flags = K_SIGCHLD;
	else if (kind == WASMLINUX_THREAD)
		flags = K_CLONE_VM | K_CLONE_FS | K_CLONE_FILES |
			K_CLONE_SIGHAND | K_CLONE_THREAD | K_CLONE_SYSVSEM;
	else
		return -K_EINVAL;
	ctx->spawn = &spawn;
	ret = (int32_t)Z_kernelZ_wasm_clone(&ctx->inst, flags);
	ctx->spawn = NULL;
	return ret;
}

int wasmlinux_shutdown(void)
{
	int ret = wl_power_off_here();

	/* The process goes on, but the kernel's run has ended. */
	if (!ret && config.stats)
		wl_stats_print();
	return ret;
}

long wasmlinux_syscall(long nr, long a0, long a1, long a2, long a3, long a4,
		       long a5)
{
	wl_ctx *ctx = wl_ctx_self();

	if (!ctx)
		return -K_ESRCH;
	return (int32_t)Z_kernelZ_wasm_syscall(&ctx->inst, (u32)nr, (u32)a0,
					       (u32)a1, (u32)a2, (u32)a3,
					       (u32)a4, (u32)a5);
}

uint32_t wasmlinux_alloc(size_t size)
{
	if (size > UINT32_MAX)
		return 0;
	return wl_mem_alloc((uint32_t)size);
}

void wasmlinux_free(uint32_t addr)
{
	wl_mem_free(addr);
}

void *wasmlinux_ptr(uint32_t addr)
{
	return wl_ptr(addr);
}
