/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wasm's call_indirect checks the exact function type, so every entry of
 * the system call table has one type, long (*)(const struct pt_regs *).
 * The wrapper reads the arguments from consecutive 32-bit slots; a 64-bit
 * argument takes two slots, low word first.
 */
#ifndef _ASM_WASM_SYSCALL_WRAPPER_H
#define _ASM_WASM_SYSCALL_WRAPPER_H

#include <asm/ptrace.h>

/* Like __MAP(), without commas: one struct field per argument. */
#define __WASM_MAP1(m, t, a, ...)	m(t, a)
#define __WASM_MAP2(m, t, a, ...)	m(t, a) __WASM_MAP1(m, __VA_ARGS__)
#define __WASM_MAP3(m, t, a, ...)	m(t, a) __WASM_MAP2(m, __VA_ARGS__)
#define __WASM_MAP4(m, t, a, ...)	m(t, a) __WASM_MAP3(m, __VA_ARGS__)
#define __WASM_MAP5(m, t, a, ...)	m(t, a) __WASM_MAP4(m, __VA_ARGS__)
#define __WASM_MAP6(m, t, a, ...)	m(t, a) __WASM_MAP5(m, __VA_ARGS__)
#define __WASM_MAP(n, ...)		__WASM_MAP##n(__VA_ARGS__)

#define __WASM_SC_FIELD(t, a)	__SC_LONG(t, a);
#define __WASM_SC_ARG(t, a)	__slots->a

#define __SYSCALL_DEFINEx(x, name, ...)					\
	long __wasm_sys##name(const struct pt_regs *regs);		\
	static long __se_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__));	\
	static inline long __do_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__)); \
	long __wasm_sys##name(const struct pt_regs *regs)		\
	{								\
		const struct {						\
			__WASM_MAP(x, __WASM_SC_FIELD, __VA_ARGS__)		\
		} __packed *__slots = (const void *)regs->args;		\
		return __se_sys##name(__MAP(x, __WASM_SC_ARG, __VA_ARGS__)); \
	}								\
	static long __se_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__))	\
	{								\
		long ret = __do_sys##name(__MAP(x, __SC_CAST, __VA_ARGS__)); \
		__MAP(x, __SC_TEST, __VA_ARGS__);			\
		__PROTECT(x, ret, __MAP(x, __SC_ARGS, __VA_ARGS__));	\
		return ret;						\
	}								\
	static inline long __do_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__))

#define SYSCALL_DEFINE0(sname)						\
	SYSCALL_METADATA(_##sname, 0);					\
	long __wasm_sys_##sname(const struct pt_regs *__unused);	\
	long __wasm_sys_##sname(const struct pt_regs *__unused)

#define COND_SYSCALL(name)						\
	long __wasm_sys_##name(const struct pt_regs *regs);		\
	long __weak __wasm_sys_##name(const struct pt_regs *regs)	\
	{								\
		return sys_ni_syscall();				\
	}

/* No compat ABI. */
#define COND_SYSCALL_COMPAT(name)

long __wasm_sys_ni_syscall(const struct pt_regs *regs);

#endif
