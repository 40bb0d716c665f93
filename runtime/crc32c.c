/*
 * CRC32C for the kernel (host_ops.h's features and crc32c): with the
 * CPU's CRC32 instruction where there is one (x86-64 with SSE 4.2, asked
 * at run time), several times as fast as the kernel's own slice-by-8
 * tables once translated.  Elsewhere the host does not offer it, and the
 * kernel keeps its own code.
 */
#include <string.h>

#include <asm/host_ops.h>

#include "internal.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <nmmintrin.h>

__attribute__((target("sse4.2")))
static u32 crc32c_sse42(u32 crc, const unsigned char *p, size_t len)
{
	uint64_t c;

	for (; len && ((uintptr_t)p & 7); len--)
		crc = _mm_crc32_u8(crc, *p++);
	c = crc;
	for (; len >= 8; len -= 8, p += 8) {
		uint64_t v;

		memcpy(&v, p, 8);
		c = _mm_crc32_u64(c, v);
	}
	crc = (u32)c;
	for (; len; len--)
		crc = _mm_crc32_u8(crc, *p++);
	return crc;
}

static bool have_sse42(void)
{
	return __builtin_cpu_supports("sse4.2");
}
#else
#define have_sse42() false
/* (never called: features is 0 here, and the call below dies first) */
static u32 crc32c_sse42(u32 crc, const unsigned char *p, size_t len)
{
	(void)p;
	(void)len;
	return crc;
}
#endif

u32 Z_hostZ_features(wl_ctx *ctx)
{
	(void)ctx;
	return have_sse42() ? WASM_HOST_CRC32C : 0;
}

u32 Z_hostZ_crc32c(wl_ctx *ctx, u32 crc, u32 addr, u32 len)
{
	(void)ctx;
	if (!have_sse42())
		wl_die(3, "kernel asked for a CRC32C the host does not offer");
	if ((uint64_t)addr + len > wl_env.memory.size)
		wl_die(3, "kernel asked for the CRC32C of bytes outside its memory");
	return crc32c_sse42(crc, wl_ptr(addr), len);
}
