// SPDX-License-Identifier: GPL-2.0
/*
 * CRC32C, the checksum of ext4's and jbd2's metadata, from the host when
 * it has a faster one (host_ops.h): the kernel's slice-by-8 tables, as
 * translated code, were about half of the kernel's time in creating and
 * deleting small files on ext4, where a host with the CPU's CRC32
 * instruction is several times faster.  Otherwise the generic code, as
 * lib/crc32.c has it (__crc32c_le_base).
 */
#include <linux/cache.h>
#include <linux/crc32.h>
#include <linux/init.h>
#include <asm/host.h>

static bool from_host __ro_after_init;

u32 __pure __crc32c_le(u32 crc, unsigned char const *p, size_t len)
{
	if (from_host)
		return host_crc32c(crc, HOST_ADDR(p), len);
	return __crc32c_le_base(crc, p, len);
}

static int __init wasm_crc32c_init(void)
{
	from_host = host_features() & WASM_HOST_CRC32C;
	return 0;
}
core_initcall(wasm_crc32c_init);
