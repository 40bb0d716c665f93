// SPDX-License-Identifier: GPL-2.0
/*
 * The host console: the kernel log (a console) and a TTY, hostcon0, that
 * /dev/console opens.  Output goes to the host with host_print(); input
 * arrives with the WASM_IRQ_CONSOLE interrupt and is read with
 * host_console_read().
 */
#include <linux/console.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/tty.h>
#include <linux/tty_flip.h>
#include <linux/workqueue.h>
#include <asm/host.h>

static struct tty_driver *hostcon_driver;
static struct tty_port hostcon_port;

/* As serial consoles do, the log ends its lines with CR LF. */
static void wasm_console_write(struct console *con, const char *s,
			       unsigned int n)
{
	const char *nl;

	while (n && (nl = memchr(s, '\n', n))) {
		host_print(HOST_ADDR(s), nl - s);
		host_print(HOST_ADDR("\r\n"), 2);
		n -= nl + 1 - s;
		s = nl + 1;
	}
	if (n)
		host_print(HOST_ADDR(s), n);
}

static struct tty_driver *wasm_console_device(struct console *con,
					      int *index)
{
	*index = 0;
	return hostcon_driver;
}

static struct console wasm_console = {
	.name	= "hostcon",
	.write	= wasm_console_write,
	.device	= wasm_console_device,
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

/* The host terminal's size, if it changed. */
static void hostcon_resize(struct tty_struct *tty)
{
	u32 size = host_console_size();
	struct winsize ws = { .ws_row = size >> 16, .ws_col = size & 0xffff };

	if (size && (ws.ws_row != tty->winsize.ws_row ||
		     ws.ws_col != tty->winsize.ws_col))
		tty_do_resize(tty, &ws);
}

/* tty_do_resize() sleeps: not in the interrupt */
static void hostcon_resize_fn(struct work_struct *work)
{
	struct tty_struct *tty = tty_port_tty_get(&hostcon_port);

	if (tty) {
		hostcon_resize(tty);
		tty_kref_put(tty);
	}
}
static DECLARE_WORK(hostcon_resize_work, hostcon_resize_fn);

static int hostcon_open(struct tty_struct *tty, struct file *filp)
{
	hostcon_resize(tty);
	return tty_port_open(&hostcon_port, tty, filp);
}

static void hostcon_close(struct tty_struct *tty, struct file *filp)
{
	tty_port_close(&hostcon_port, tty, filp);
}

static ssize_t hostcon_write(struct tty_struct *tty, const u8 *buf,
			     size_t count)
{
	host_print(HOST_ADDR(buf), count);
	return count;
}

static unsigned int hostcon_write_room(struct tty_struct *tty)
{
	return 65536;
}

static const struct tty_operations hostcon_ops = {
	.open		= hostcon_open,
	.close		= hostcon_close,
	.write		= hostcon_write,
	.write_room	= hostcon_write_room,
};

static const struct tty_port_operations hostcon_port_ops;

static irqreturn_t hostcon_interrupt(int irq, void *dev)
{
	static u8 buf[256];	/* interrupts never nest: one CPU */
	u32 n;

	schedule_work(&hostcon_resize_work);
	while ((n = host_console_read(HOST_ADDR(buf), sizeof(buf))) > 0)
		tty_insert_flip_string(&hostcon_port, buf, n);
	tty_flip_buffer_push(&hostcon_port);
	return IRQ_HANDLED;
}

static int __init hostcon_init(void)
{
	struct tty_driver *driver;
	struct device *dev;
	int ret;

	driver = tty_alloc_driver(1, TTY_DRIVER_REAL_RAW |
				  TTY_DRIVER_DYNAMIC_DEV);
	if (IS_ERR(driver))
		return PTR_ERR(driver);
	driver->driver_name = "hostcon";
	driver->name = "hostcon";
	driver->type = TTY_DRIVER_TYPE_SYSTEM;
	driver->subtype = SYSTEM_TYPE_CONSOLE;
	driver->init_termios = tty_std_termios;
	tty_set_operations(driver, &hostcon_ops);

	tty_port_init(&hostcon_port);
	hostcon_port.ops = &hostcon_port_ops;
	tty_port_link_device(&hostcon_port, driver, 0);
	ret = tty_register_driver(driver);
	if (ret)
		goto err_driver;
	dev = tty_port_register_device(&hostcon_port, driver, 0, NULL);
	if (IS_ERR(dev)) {
		ret = PTR_ERR(dev);
		goto err_register;
	}
	ret = request_irq(WASM_IRQ_CONSOLE, hostcon_interrupt, 0, "hostcon",
			  NULL);
	if (ret)
		goto err_device;
	hostcon_driver = driver;
	return 0;

err_device:
	tty_unregister_device(driver, 0);
err_register:
	tty_unregister_driver(driver);
err_driver:
	tty_driver_kref_put(driver);
	tty_port_destroy(&hostcon_port);
	return ret;
}
device_initcall(hostcon_init);
