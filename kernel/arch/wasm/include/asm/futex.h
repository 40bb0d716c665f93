/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_WASM_FUTEX_H
#define _ASM_WASM_FUTEX_H

#include <linux/futex.h>
#include <linux/uaccess.h>
#include <asm/host.h>

/*
 * The threads of a user program run on host threads beside the kernel,
 * so disabling preemption (what asm-generic does on !SMP) does not make
 * a read-modify-write of their memory atomic: the host's compare and
 * exchange does.  Memory in the kernel's own (host tasks) is touched by
 * the kernel alone and stays with asm-generic's.
 */
#include <asm-generic/futex.h>

static inline int wasm_futex_cmpxchg(u32 *uval, u32 __user *uaddr,
				     u32 oldval, u32 newval)
{
	u32 mem = wasm_user_mem();

	if (!mem)
		return futex_atomic_cmpxchg_inatomic_local(uval, uaddr, oldval,
							   newval);
	if (!IS_ALIGNED((unsigned long)uaddr, sizeof(u32)))
		return -EINVAL;
	if (host_user_cmpxchg(mem, HOST_ADDR(uaddr), oldval, newval,
			      HOST_ADDR(uval)))
		return -EFAULT;
	return 0;
}

static inline int wasm_futex_op(int op, u32 oparg, int *oval,
				u32 __user *uaddr)
{
	u32 old, val, new;
	int ret;

	if (!wasm_user_mem())
		return futex_atomic_op_inuser_local(op, oparg, oval, uaddr);
	if (get_user(old, uaddr))
		return -EFAULT;
	for (;;) {
		switch (op) {
		case FUTEX_OP_SET:
			new = oparg;
			break;
		case FUTEX_OP_ADD:
			new = old + oparg;
			break;
		case FUTEX_OP_OR:
			new = old | oparg;
			break;
		case FUTEX_OP_ANDN:
			new = old & ~oparg;
			break;
		case FUTEX_OP_XOR:
			new = old ^ oparg;
			break;
		default:
			return -ENOSYS;
		}
		ret = wasm_futex_cmpxchg(&val, uaddr, old, new);
		if (ret)
			return ret;
		if (val == old)
			break;
		old = val;
	}
	*oval = old;
	return 0;
}

#undef arch_futex_atomic_op_inuser
#undef futex_atomic_cmpxchg_inatomic
#define arch_futex_atomic_op_inuser	wasm_futex_op
#define futex_atomic_cmpxchg_inatomic	wasm_futex_cmpxchg

#endif
