// SPDX-License-Identifier: GPL-2.0
/*
 * The host's CRC32C (crc32c.c) against the kernel's own, on random bytes
 * at every alignment and many lengths, and against the check value of
 * CRC-32C.  Skipped on a host that leaves CRC32C to the kernel.
 */
#include <kunit/test.h>
#include <linux/crc32.h>
#include <linux/random.h>
#include <asm/host.h>

#define MAX_LEN 4096

static void crc32c_check_value(struct kunit *test)
{
	static const unsigned char digits[] = "123456789";

	KUNIT_EXPECT_EQ(test, ~__crc32c_le(~0u, digits, 9), 0xe3069283u);
}

static void crc32c_host_as_generic(struct kunit *test)
{
	unsigned char *buf;
	size_t off, len;
	u32 seed;

	if (!(host_features() & WASM_HOST_CRC32C))
		kunit_skip(test, "the host leaves CRC32C to the kernel");
	buf = kunit_kmalloc(test, MAX_LEN + 8, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	get_random_bytes(buf, MAX_LEN + 8);
	for (off = 0; off < 8; off++) {
		for (len = 0; len <= MAX_LEN; len = len < 70 ? len + 1 : len * 2 - 1) {
			seed = get_random_u32();
			KUNIT_EXPECT_EQ_MSG(test, __crc32c_le(seed, buf + off, len),
					    __crc32c_le_base(seed, buf + off, len),
					    "offset %zu, length %zu", off, len);
		}
	}
}

static struct kunit_case wasm_crc32c_cases[] = {
	KUNIT_CASE(crc32c_check_value),
	KUNIT_CASE(crc32c_host_as_generic),
	{}
};

static struct kunit_suite wasm_crc32c_suite = {
	.name = "wasm_crc32c",
	.test_cases = wasm_crc32c_cases,
};
kunit_test_suite(wasm_crc32c_suite);

MODULE_DESCRIPTION("The wasm host's CRC32C against the kernel's");
MODULE_LICENSE("GPL");
