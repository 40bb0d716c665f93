// SPDX-License-Identifier: GPL-2.0
/*
 * Architecture setup: the command line, memory and the entropy seed come
 * from the host.
 */
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/random.h>
#include <linux/seq_file.h>
#include <linux/start_kernel.h>
#include <linux/string.h>
#include <asm/host.h>
#include <asm/setup.h>
#include "wasm_arch.h"

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

	wasm_reboot_init();
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
