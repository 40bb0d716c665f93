/* The kernel's host operations that are not about threads (threads.c). */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <asm/host_ops.h>
#include <asm/unistd_32.h>

#include "internal.h"
#include "linux-abi.h"
#include "wasmlinux.h"

_Static_assert(WASM_JMP_BUF_SIZE >= sizeof(uint64_t), "jump buffer token");

/* A copy of a string in kernel memory, bounded by the end of memory. */
static const char *str_from_kernel(u32 addr, char *buf, size_t size)
{
	const char *s = wl_ptr(addr);
	size_t n = 0;

	if (addr < WL_NULL_GUARD || addr >= wl_env.memory.size)
		return "(bad address)";
	while (n + 1 < size && addr + n < wl_env.memory.size && s[n])
		n++;
	memcpy(buf, s, n);
	buf[n] = 0;
	return buf;
}

void Z_hostZ_print(wl_ctx *ctx, u32 addr, u32 len)
{
	(void)ctx;
	if ((uint64_t)addr + len > wl_env.memory.size)
		wl_die(3, "kernel printed from outside its memory");
	wl_console_write(wl_ptr(addr), len);
}

void Z_hostZ_panic(wl_ctx *ctx, u32 msg)
{
	char buf[256];

	(void)ctx;
	wl_die(2, "kernel panic: %s", str_from_kernel(msg, buf, sizeof(buf)));
}

/* Set while wl_power_off_here() waits for the kernel to power off. */
static wl_ctx *shutdown_ctx;
static plat_jmp_buf shutdown_jb;

int wl_power_off_here(void)
{
	wl_ctx *ctx = wl_ctx_self();
	long ret;

	if (!ctx)
		return -K_ESRCH;
	if (plat_setjmp(shutdown_jb))
		return 0;
	shutdown_ctx = ctx;
	ret = (int32_t)Z_kernelZ_wasm_syscall(&ctx->inst, __NR_reboot,
					      K_LINUX_REBOOT_MAGIC1,
					      K_LINUX_REBOOT_MAGIC2,
					      K_LINUX_REBOOT_CMD_POWER_OFF,
					      0, 0, 0);
	shutdown_ctx = NULL;
	return (int)ret;
}

void Z_hostZ_power_off(wl_ctx *ctx, u32 code)
{
	if (code & WASM_POWER_INIT_EXIT) {
		wl_stdio_flush();
		wl_exit((int)(code & 0xff));
	}
	if (code == WASM_POWER_RESTART)
		fputs("wasmlinux: restart requested; stopping instead\n", stderr);
	/* The kernel is halted: the thread that asked returns to its caller. */
	if (ctx == shutdown_ctx)
		plat_longjmp(shutdown_jb);
	wl_exit(0);
}

void Z_hostZ_random(wl_ctx *ctx, u32 addr, u32 len)
{
	(void)ctx;
	if (!plat_random(wl_ptr(addr), len))
		wl_die(1, "no random bytes from the host");
}

u32 Z_hostZ_cmdline(wl_ctx *ctx, u32 addr, u32 size)
{
	const struct wasmlinux_config *config = wl_config();
	const char *cmdline = config && config->cmdline ? config->cmdline : "";
	size_t n = strlen(cmdline);

	(void)ctx;
	if (!size)
		return 0;
	if (n >= size)
		wl_die(1, "kernel command line longer than %u bytes", size - 1);
	memcpy(wl_ptr(addr), cmdline, n + 1);
	return (u32)n;
}

u32 Z_hostZ_mem_alloc(wl_ctx *ctx, u32 size)
{
	(void)ctx;
	return wl_mem_alloc(size);
}

u64 Z_hostZ_time_mono(wl_ctx *ctx)
{
	(void)ctx;
	return plat_time_mono();
}

u64 Z_hostZ_time_wall(wl_ctx *ctx)
{
	(void)ctx;
	return plat_time_wall();
}

u32 Z_hostZ_mutex_alloc(wl_ctx *ctx)
{
	(void)ctx;
	return wl_handle_new(WL_MUTEX, plat_mutex_new());
}

void Z_hostZ_mutex_lock(wl_ctx *ctx, u32 h)
{
	(void)ctx;
	plat_mutex_lock(wl_handle_get(WL_MUTEX, h));
}

void Z_hostZ_mutex_unlock(wl_ctx *ctx, u32 h)
{
	(void)ctx;
	plat_mutex_unlock(wl_handle_get(WL_MUTEX, h));
}

u32 Z_hostZ_sem_alloc(wl_ctx *ctx, u32 count)
{
	(void)ctx;
	return wl_handle_new(WL_SEM, plat_sem_new(count));
}

void Z_hostZ_sem_free(wl_ctx *ctx, u32 h)
{
	(void)ctx;
	plat_sem_free(wl_handle_get(WL_SEM, h));
	wl_handle_free(h);
}

void Z_hostZ_sem_up(wl_ctx *ctx, u32 h)
{
	(void)ctx;
	plat_sem_up(wl_handle_get(WL_SEM, h));
}

/*
 * The down of a kernel's semaphore watches its count this long before it
 * sleeps: the CPU goes from one host thread to another through a task's
 * semaphore (__switch_to), and waking a thread asleep on an idle core
 * costs far more than the hand-over (web/host-ops.mjs, SEM_SPIN_MS).  On
 * a two-core KVM guest, 256 MiB through `dd | cat` took 290 ms without
 * the watch, 90 ms with it (medians of eight).  On one processor the
 * thread that would let go of the semaphore needs the one being watched
 * on: there is no watch.
 */
#define SEM_SPIN_NS 50000u

static uint64_t sem_spin_ns(void)
{
	static atomic_int cpus;
	int n = atomic_load_explicit(&cpus, memory_order_relaxed);

	if (!n) {
		n = (int)plat_cpu_count();
		atomic_store_explicit(&cpus, n, memory_order_relaxed);
	}
	return n > 1 ? SEM_SPIN_NS : 0;
}

void Z_hostZ_sem_down(wl_ctx *ctx, u32 h)
{
	struct plat_sem *s = wl_handle_get(WL_SEM, h);
	uint64_t until;

	(void)ctx;
	if (plat_sem_trydown(s))
		return;
	until = plat_time_mono() + sem_spin_ns();
	while (plat_time_mono() < until) {
		if (plat_sem_trydown(s))
			return;
	}
	plat_sem_down(s);
}
