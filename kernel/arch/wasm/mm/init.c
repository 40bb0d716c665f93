// SPDX-License-Identifier: GPL-2.0
#include <linux/init.h>
#include <linux/memblock.h>
#include <linux/mm.h>

void __init mem_init(void)
{
	memblock_free_all();
}
