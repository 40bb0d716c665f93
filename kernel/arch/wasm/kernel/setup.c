// SPDX-License-Identifier: GPL-2.0
/*
 * Architecture setup: the command line and memory come from the host,
 * and the host is told about panics and power-off.
 */
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/panic_notifier.h>
#include <linux/pm.h>
#include <linux/random.h>
#include <linux/reboot.h>
#include <linux/seq_file.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>
#include <linux/start_kernel.h>
#include <linux/string.h>
#include <asm/cpu.h>
#include <asm/host.h>
#include <asm/setup.h>

unsigned long memory_start;
unsigned long memory_end;
void *empty_zero_page;

static unsigned long mem_size __initdata = 64 << 20;

/* Room must stay in the 4 GiB linear memory for the image and stacks. */
#define WASM_MAX_MEM	(3ULL << 30)

static int __init wasm_parse_mem(char *arg)
{
	unsigned long long size;
	char *end;

	if (!arg)
		return -EINVAL;
	size = memparse(arg, &end);
	if (*end || size < (8 << 20) || size > WASM_MAX_MEM) {
		pr_err("mem=%s: need a size from 8M to 3G; using %luM\n", arg,
		       mem_size >> 20);
		return -EINVAL;
	}
	mem_size = size;
	return 0;
}
early_param("mem", wasm_parse_mem);

/*
 * RAM is one block of linear memory from the host.  Memory below it
 * (the kernel image, the host's own areas) is reserved, so that every
 * kernel address has a struct page, as on other NOMMU ports.
 */
static void __init wasm_memory_init(void)
{
	unsigned long max_zone_pfn[MAX_NR_ZONES] = { 0 };
	unsigned long base = host_mem_alloc(mem_size);

	if (!base)
		panic("host cannot give %lu MiB of memory", mem_size >> 20);
	memory_start = 0;
	memory_end = (base + mem_size) & PAGE_MASK;
	high_memory = (void *)memory_end;

	memblock_add(0, memory_end);
	memblock_reserve(0, PAGE_ALIGN(base));

	min_low_pfn = PFN_UP(base);
	max_low_pfn = max_pfn = PFN_DOWN(memory_end);
	max_mapnr = max_pfn;

	empty_zero_page = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	if (!empty_zero_page)
		panic("no memory for the zero page");

	max_zone_pfn[ZONE_NORMAL] = max_low_pfn;
	free_area_init(max_zone_pfn);
}

static const char *wasm_panic_msg;

static int wasm_panic_event(struct notifier_block *nb, unsigned long event,
			    void *msg)
{
	int code;

	/* init died of a signal: the run ends as if it had exited */
	if (is_global_init(current) && (current->flags & PF_EXITING)) {
		code = current->signal->group_exit_code ?: current->exit_code;
		host_power_off(WASM_POWER_INIT_EXIT |
			       ((code & 0x7f) ? 128 + (code & 0x7f) :
				(code >> 8) & 0xff));
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

/*
 * The host's randomness seeds the kernel's: a wasm machine has no
 * hardware source, and the timer-jitter fallback needs interrupts while
 * the waiting task holds the CPU, so /dev/urandom could wait forever.
 */
static void __init wasm_seed_random(void)
{
	u8 seed[64];

	host_random(HOST_ADDR(seed), sizeof(seed));
	add_bootloader_randomness(seed, sizeof(seed));
	memzero_explicit(seed, sizeof(seed));
}

void __init setup_arch(char **cmdline_p)
{
	host_cmdline(HOST_ADDR(boot_command_line), COMMAND_LINE_SIZE);
	*cmdline_p = boot_command_line;

	atomic_notifier_chain_register(&panic_notifier_list, &wasm_panic_block);
	panic_blink = wasm_panic_blink;
	wasm_seed_random();

	wasm_tables_init();
	wasm_sched_classes_init();
	parse_early_param();
	wasm_memory_init();
}

static int wasm_cpuinfo_show(struct seq_file *m, void *v)
{
	seq_puts(m, "processor\t: 0\nmodel name\t: WebAssembly (wasm32)\n\n");
	return 0;
}

static void *wasm_cpuinfo_start(struct seq_file *m, loff_t *pos)
{
	return *pos == 0 ? (void *)1 : NULL;
}

static void *wasm_cpuinfo_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return NULL;
}

static void wasm_cpuinfo_stop(struct seq_file *m, void *v)
{
}

const struct seq_operations cpuinfo_op = {
	.start	= wasm_cpuinfo_start,
	.next	= wasm_cpuinfo_next,
	.stop	= wasm_cpuinfo_stop,
	.show	= wasm_cpuinfo_show,
};

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
