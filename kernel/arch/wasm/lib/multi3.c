// SPDX-License-Identifier: GPL-2.0
/*
 * 128-bit multiply for __int128 arithmetic (lib/math/div64.c): no wasm32
 * compiler runtime is available, so the arch provides this libcall.
 */
#include <linux/types.h>

u128 __multi3(u128 a, u128 b);

u128 __multi3(u128 a, u128 b)
{
	u64 al = (u64)a, ah = (u64)(a >> 64);
	u64 bl = (u64)b, bh = (u64)(b >> 64);
	u64 a0 = (u32)al, a1 = al >> 32, b0 = (u32)bl, b1 = bl >> 32;
	u64 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
	u64 mid = (p00 >> 32) + (u32)p01 + (u32)p10;
	u64 lo = (mid << 32) | (u32)p00;
	u64 hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);

	hi += al * bh + ah * bl;
	return ((u128)hi << 64) | lo;
}
