/*
 * The kernel's console on the host: output goes to the configured writer
 * (standard output by default); with console_input, a thread forwards
 * standard input to the kernel, raising WASM_IRQ_CONSOLE for each piece.
 * The end of input reaches the kernel as ^D, as if typed.
 */
#include <string.h>

#include "internal.h"
#include "wasmlinux.h"

#define VEOF_CHAR	4

static struct plat_mutex *in_lock;
static char in_buf[4096];
static size_t in_len;

void wl_console_write(const char *s, size_t n)
{
	const struct wasmlinux_config *config = wl_config();

	if (config && config->console_write) {
		config->console_write(s, n);
		return;
	}
	fwrite(s, 1, n, stdout);
	fflush(stdout);
}

u32 Z_hostZ_console_read(wl_ctx *ctx, u32 addr, u32 size)
{
	size_t n;

	(void)ctx;
	if (!in_lock)
		return 0;
	plat_mutex_lock(in_lock);
	n = in_len < size ? in_len : size;
	memcpy(wl_ptr(addr), in_buf, n);
	memmove(in_buf, in_buf + n, in_len - n);
	in_len -= n;
	plat_mutex_unlock(in_lock);
	return (u32)n;
}

/* Appends to the input buffer, waiting for the kernel to make room. */
static void input_put(wl_ctx *ctx, const char *s, size_t n)
{
	while (n) {
		size_t room;

		plat_mutex_lock(in_lock);
		room = sizeof(in_buf) - in_len;
		if (room > n)
			room = n;
		memcpy(in_buf + in_len, s, room);
		in_len += room;
		plat_mutex_unlock(in_lock);
		Z_kernelZ_wasm_irq(&ctx->inst, WASM_IRQ_CONSOLE);
		s += room;
		n -= room;
		if (n) {
			struct plat_sem *nap = plat_sem_new(0);

			plat_sem_down_until(nap, plat_time_mono() + 1000000);
			plat_sem_free(nap);
		}
	}
}

static void input_main(void *unused)
{
	static const char eof = VEOF_CHAR;
	wl_ctx *ctx = wl_ctx_new();
	char buf[1024];
	long n;

	(void)unused;
	wl_thread_adopt(ctx);
	while ((n = plat_read_input(buf, sizeof(buf))) > 0 ||
	       n == PLAT_INPUT_RESIZED) {
		if (n > 0)
			input_put(ctx, buf, (size_t)n);
		else
			Z_kernelZ_wasm_irq(&ctx->inst, WASM_IRQ_CONSOLE);
	}
	input_put(ctx, &eof, 1);
	wl_ctx_put(ctx);
}

u32 Z_hostZ_console_size(wl_ctx *ctx)
{
	(void)ctx;
	return plat_console_size();
}

void wl_console_input_start(void)
{
	in_lock = plat_mutex_new();
	if (!plat_thread_start(input_main, NULL))
		wl_die(1, "cannot start the console input thread");
	wl_stats.threads++;
}
