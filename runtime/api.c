/* The library interface, <wasmlinux.h>. */
#include <errno.h>

#include "internal.h"
#include "wasmlinux.h"

void wl_kernel_load(void);
void wl_host_configure(const struct wasmlinux_config *cfg);

static struct wasmlinux_config config;

int wasmlinux_boot(const struct wasmlinux_config *cfg)
{
	wl_ctx *ctx;

	if (wl_env.memory.data)
		return -EBUSY;
	config = *cfg;
	wl_host_configure(&config);
	wl_kernel_load();
	ctx = wl_ctx_new();
	wl_thread_adopt(ctx);
	return (int)Z_kernelZ_wasm_boot(&ctx->inst);
}

long wasmlinux_syscall(long nr, long a0, long a1, long a2, long a3, long a4,
		       long a5)
{
	wl_ctx *ctx = wl_ctx_self();

	if (!ctx)
		return -ESRCH;
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
