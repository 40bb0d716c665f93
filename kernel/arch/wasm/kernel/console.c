// SPDX-License-Identifier: GPL-2.0
/* The kernel log goes to the host's console. */
#include <linux/console.h>
#include <linux/init.h>
#include <asm/host.h>

static void wasm_console_write(struct console *con, const char *s,
			       unsigned int n)
{
	host_print(HOST_ADDR(s), n);
}

static struct console wasm_console = {
	.name	= "hostcon",
	.write	= wasm_console_write,
	.flags	= CON_PRINTBUFFER,
	.index	= -1,
};

/* A console initcall: if that table were empty, the log would be silent. */
static int __init wasm_console_init(void)
{
	register_console(&wasm_console);
	return 0;
}
console_initcall(wasm_console_init);
