// SPDX-License-Identifier: GPL-2.0
/*
 * The check of a user program against <asm/user_abi.h> before any host
 * sees it, so that every host refuses the same modules for the same
 * reasons: the module's structure (sections, imports, exports, memory),
 * not its code, which the host's compiler validates.  The module is read
 * where binfmt_wasm.c put it, a page at a time (struct wasm_module_seg).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/page.h>
#include <asm/user_abi.h>
#include "wasm_arch.h"

/* Offsets p to end of the module. */
struct wasm_reader {
	const struct wasm_module_seg *seg;
	size_t p, end;
	bool bad;		/* ran past the end or met a malformed number */
};

/* Names that matter here are shorter: a longer one is none of them. */
#define WASM_NAME_MAX	64

static u8 wasm_byte(struct wasm_reader *r)
{
	const struct wasm_module_seg *seg;

	if (r->p >= r->end) {
		r->bad = true;
		return 0;
	}
	seg = &r->seg[r->p >> PAGE_SHIFT];
	return ((const u8 *)(unsigned long)seg->addr)[r->p++ & ~PAGE_MASK];
}

/* An unsigned LEB128 number of at most 32 bits. */
static u32 wasm_u32(struct wasm_reader *r)
{
	u32 v = 0;
	int shift;

	for (shift = 0; shift < 35; shift += 7) {
		u8 b = wasm_byte(r);

		v |= (u32)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return shift == 28 && b > 0x0f ? (r->bad = true, 0) : v;
	}
	r->bad = true;
	return 0;
}

static void wasm_skip(struct wasm_reader *r, u32 n)
{
	if (n > r->end - r->p) {
		r->bad = true;
		r->p = r->end;
		return;
	}
	r->p += n;
}

/* A name, @len long: its first WASM_NAME_MAX bytes in @s. */
static void wasm_name(struct wasm_reader *r, u8 *s, u32 *len)
{
	u32 i;

	*len = wasm_u32(r);
	for (i = 0; i < *len && i < WASM_NAME_MAX && !r->bad; i++)
		s[i] = wasm_byte(r);
	if (*len > i)
		wasm_skip(r, *len - i);
}

static bool wasm_name_is(const u8 *s, u32 len, const char *want)
{
	return len == strlen(want) && len <= WASM_NAME_MAX &&
	       !memcmp(s, want, len);
}

/* Limits: the flags byte, then the minimum and (flags & 1) the maximum. */
static u8 wasm_limits(struct wasm_reader *r, u32 *min)
{
	u8 flags = wasm_byte(r);

	*min = wasm_u32(r);
	if (flags & 1)
		wasm_u32(r);
	return flags;
}

struct wasm_module {
	struct wasm_reader types;	/* the type section */
	struct wasm_reader funcs;	/* the function section */
	u32 nimported;			/* imported functions */
	/* of linux.syscall, linux.fork, linux.longjmp, or -1 */
	s64 syscall_type, fork_type, longjmp_type;
	bool memory, shared;
	u32 memory_pages;
	/* exported function indices, or -1 */
	s64 start, signal, thread;
	/* Asyncify's (fork), or -1 */
	s64 unwind, stop_unwind, rewind, stop_rewind;
	bool stack_pointer;		/* exports the global __stack_pointer */
	bool table;			/* exports its table */
	u32 invokes;			/* invoke imports */
	s64 start_func;			/* the start section's function, or -1 */
};

/* The value type of a letter of an invoke import's name (user_abi.h). */
static u8 wasm_sig_type(u8 c)
{
	switch (c) {
	case 'i':
		return 0x7f;
	case 'j':
		return 0x7e;
	case 'f':
		return 0x7d;
	case 'd':
		return 0x7c;
	}
	return 0;
}

/*
 * Does type @idx take the @np value types that @params names as letters
 * (i j f d) and return the @nr of @results?
 */
static bool wasm_type_sig(const struct wasm_module *m, u32 idx,
			  const u8 *params, u32 np, const u8 *results, u32 nr)
{
	struct wasm_reader r = m->types;
	u32 n = wasm_u32(&r), i, k;

	if (idx >= n || idx >= r.end - r.p)
		return false;
	for (i = 0; i <= idx && !r.bad; i++) {
		u32 tp, tr;
		bool ok;

		if (wasm_byte(&r) != 0x60)
			return false;
		tp = wasm_u32(&r);
		ok = tp == np;
		for (k = 0; k < tp && !r.bad; k++)
			ok &= wasm_byte(&r) == (k < np ? wasm_sig_type(params[k]) : 0);
		tr = wasm_u32(&r);
		ok &= tr == nr;
		for (k = 0; k < tr && !r.bad; k++)
			ok &= wasm_byte(&r) == (k < nr ? wasm_sig_type(results[k]) : 0);
		if (i == idx)
			return ok && !r.bad;
	}
	return false;
}

/* Does type @idx take @nparams i32 and return @nresults i32 (at most 8)? */
static bool wasm_type_is(const struct wasm_module *m, u32 idx, u32 nparams,
			 u32 nresults)
{
	static const u8 i32s[8] = "iiiiiiii";

	return wasm_type_sig(m, idx, i32s, nparams, i32s, nresults);
}

/*
 * Is type @idx the one that invoke_@sig (@len letters) names: the result
 * ('v' for none) and the parameters of the function called, after the
 * i32 of its table index?
 */
static bool wasm_type_is_invoke(const struct wasm_module *m, u32 idx,
				const u8 *sig, u32 len)
{
	u8 params[WASM_USER_MAX_INVOKE_ARGS + 1] = { 'i' };

	if (len < 1 || len > WASM_USER_MAX_INVOKE_ARGS + 1)
		return false;
	memcpy(params + 1, sig + 1, len - 1);
	return wasm_type_sig(m, idx, params, len, sig, sig[0] != 'v');
}

/*
 * The type index of function @func, or -1; an imported one is none of
 * the program's entry points (its exports and start function).
 */
static s64 wasm_func_type(const struct wasm_module *m, u32 func)
{
	struct wasm_reader r = m->funcs;
	u32 n, i, type = 0;

	if (func < m->nimported)
		return -1;
	func -= m->nimported;
	n = r.p ? wasm_u32(&r) : 0;
	/* (each entry takes a byte at least: a count cannot be believed) */
	if (func >= n || func >= r.end - r.p)
		return -1;
	for (i = 0; i <= func && !r.bad; i++)
		type = wasm_u32(&r);
	return r.bad ? -1 : type;
}

/*
 * Takes function import @field of type @type if it is the once-only
 * import @want, not seen yet (*@seen is its type, or -1).
 */
static bool wasm_import_once(const u8 *field, u32 flen, const char *want,
			     s64 *seen, u32 type)
{
	if (!wasm_name_is(field, flen, want) || *seen >= 0)
		return false;
	*seen = type;
	return true;
}

/* Is env.@field (@flen bytes) an invoke import (user_abi.h) of @type? */
static bool wasm_import_invoke(const struct wasm_module *m, const u8 *field,
			       u32 flen, u32 type)
{
	const u32 n = strlen(WASM_USER_IMPORT_INVOKE);

	return flen > n && flen <= WASM_NAME_MAX &&
	       !memcmp(field, WASM_USER_IMPORT_INVOKE, n) &&
	       wasm_type_is_invoke(m, type, field + n, flen - n);
}

static int wasm_imports(struct wasm_module *m, struct wasm_reader *r,
			char *why, size_t size)
{
	u32 n = wasm_u32(r), i;

	for (i = 0; i < n && !r->bad; i++) {
		u8 mod[WASM_NAME_MAX], field[WASM_NAME_MAX];
		u32 mlen, flen, type;
		u8 kind, flags;
		bool linux, env;

		wasm_name(r, mod, &mlen);
		wasm_name(r, field, &flen);
		kind = wasm_byte(r);
		if (r->bad)
			break;
		linux = wasm_name_is(mod, mlen, WASM_USER_IMPORT_MODULE);
		env = wasm_name_is(mod, mlen, "env");
		if (kind == 2 && env && wasm_name_is(field, flen, "memory") &&
		    !m->memory) {
			flags = wasm_limits(r, &m->memory_pages);
			if (flags & ~3) {
				snprintf(why, size, "its memory is not a 32-bit memory");
				return -ENOEXEC;
			}
			m->memory = true;
			m->shared = flags & 2;
			continue;
		}
		if (kind != 0)
			goto refuse;
		type = wasm_u32(r);
		if (m->nimported == WASM_USER_MAX_IMPORTS) {
			snprintf(why, size, "it imports more than %u functions",
				 WASM_USER_MAX_IMPORTS);
			return -ENOEXEC;
		}
		if (!(linux && wasm_import_once(field, flen, WASM_USER_IMPORT_SYSCALL,
						&m->syscall_type, type)) &&
		    !(linux && wasm_import_once(field, flen, WASM_USER_IMPORT_FORK,
						&m->fork_type, type)) &&
		    !(linux && wasm_import_once(field, flen, WASM_USER_IMPORT_LONGJMP,
						&m->longjmp_type, type)) &&
		    !(env && wasm_import_invoke(m, field, flen, type) && ++m->invokes))
			goto refuse;
		m->nimported++;
		continue;
refuse:
		snprintf(why, size,
			 "it imports %.*s.%.*s, which is not in the program ABI (user_abi.h)",
			 (int)min(mlen, 32U), mod, (int)min(flen, 32U), field);
		return -ENOEXEC;
	}
	return 0;
}

static void wasm_exports(struct wasm_module *m, struct wasm_reader *r)
{
	u32 n = wasm_u32(r), i;

	for (i = 0; i < n && !r->bad; i++) {
		u8 name[WASM_NAME_MAX];
		u32 len, idx;
		u8 kind;

		wasm_name(r, name, &len);
		kind = wasm_byte(r);
		idx = wasm_u32(r);
		if (kind == 3 && wasm_name_is(name, len, WASM_USER_EXPORT_SP))
			m->stack_pointer = true;
		if (kind == 1 && wasm_name_is(name, len, WASM_USER_EXPORT_TABLE))
			m->table = true;
		if (kind != 0)
			continue;
		if (wasm_name_is(name, len, WASM_USER_EXPORT_START))
			m->start = idx;
		else if (wasm_name_is(name, len, WASM_USER_EXPORT_SIGNAL))
			m->signal = idx;
		else if (wasm_name_is(name, len, WASM_USER_EXPORT_THREAD))
			m->thread = idx;
		else if (wasm_name_is(name, len, WASM_USER_EXPORT_UNWIND))
			m->unwind = idx;
		else if (wasm_name_is(name, len, WASM_USER_EXPORT_STOP_UNWIND))
			m->stop_unwind = idx;
		else if (wasm_name_is(name, len, WASM_USER_EXPORT_REWIND))
			m->rewind = idx;
		else if (wasm_name_is(name, len, WASM_USER_EXPORT_STOP_REWIND))
			m->stop_rewind = idx;
	}
}

/* Sections with an id of their own, in the order a module has them. */
static const u8 wasm_section_order[] = {
	[1] = 1, [2] = 2, [3] = 3, [4] = 4, [5] = 5, [13] = 6, [6] = 7,
	[7] = 8, [8] = 9, [9] = 10, [12] = 11, [10] = 12, [11] = 13,
};

/* Is function @func of the module of type @nparams i32 -> nothing? */
static bool wasm_func_is(const struct wasm_module *m, s64 func, u32 nparams)
{
	s64 type = func < 0 ? -1 : wasm_func_type(m, func);

	return type >= 0 && wasm_type_is(m, type, nparams, 0);
}

/*
 * Checks the module, @len bytes in @seg, against the user program ABI.
 * Returns 0, and in @threads whether the program can make threads, or
 * -ENOEXEC with the reason in @why.
 */
int wasm_module_check(const struct wasm_module_seg *seg, size_t len,
		      bool *threads, char *why, size_t size)
{
	static const u8 magic[8] = "\0asm\1\0\0\0";
	struct wasm_reader r = { seg, 0, len };
	u8 start[sizeof(magic)];
	size_t i;
	struct wasm_module m = {
		.syscall_type = -1, .fork_type = -1, .longjmp_type = -1,
		.start = -1, .signal = -1, .thread = -1, .start_func = -1,
		.unwind = -1, .stop_unwind = -1, .rewind = -1, .stop_rewind = -1,
	};
	u8 last = 0;
	int ret;

	for (i = 0; i < sizeof(magic); i++)
		start[i] = wasm_byte(&r);
	if (r.bad || memcmp(start, magic, sizeof(magic))) {
		snprintf(why, size, "not a wasm module (version 1)");
		return -ENOEXEC;
	}
	if (len > WASM_USER_MAX_MODULE) {
		snprintf(why, size, "%zu MiB, more than a program may be (%u MiB)",
			 len >> 20, WASM_USER_MAX_MODULE >> 20);
		return -ENOEXEC;
	}
	while (r.p < r.end && !r.bad) {
		u8 id = wasm_byte(&r);
		u32 n = wasm_u32(&r);
		struct wasm_reader s = { seg, r.p, r.p + min_t(size_t, n, r.end - r.p) };

		wasm_skip(&r, n);
		if (r.bad)
			break;
		if (id == 0)
			continue;
		if (id >= ARRAY_SIZE(wasm_section_order) ||
		    !wasm_section_order[id] || wasm_section_order[id] <= last) {
			snprintf(why, size, "section %u is unknown or out of order", id);
			return -ENOEXEC;
		}
		last = wasm_section_order[id];
		switch (id) {
		case 1:
			m.types = s;
			break;
		case 2:
			ret = wasm_imports(&m, &s, why, size);
			if (ret)
				return ret;
			break;
		case 3:
			m.funcs = s;
			break;
		case 5:
			snprintf(why, size, "it defines a memory; a program imports env.memory");
			return -ENOEXEC;
		case 7:
			wasm_exports(&m, &s);
			break;
		case 8:
			m.start_func = wasm_u32(&s);
			break;
		}
		if (s.bad)
			r.bad = true;
	}
	if (r.bad) {
		snprintf(why, size, "a truncated or malformed module");
		return -ENOEXEC;
	}
	if (!m.memory || m.syscall_type < 0) {
		snprintf(why, size, "it does not import %s",
			 m.memory ? "linux.syscall" : "env.memory");
		return -ENOEXEC;
	}
	if (m.memory_pages > WASM_USER_MAX_PAGES) {
		snprintf(why, size, "it asks for %u MiB of memory at start, more than %u MiB",
			 m.memory_pages >> 4, WASM_USER_MAX_PAGES >> 4);
		return -ENOEXEC;
	}
	if (!wasm_type_is(&m, m.syscall_type, 7, 1)) {
		snprintf(why, size, "its linux.syscall is not i32 (i32 x 7)");
		return -ENOEXEC;
	}
	if (!wasm_func_is(&m, m.start, 1)) {
		snprintf(why, size, "it exports no %s (void (i32))", WASM_USER_EXPORT_START);
		return -ENOEXEC;
	}
	if (!wasm_func_is(&m, m.signal, 3)) {
		snprintf(why, size, "it exports no %s (void (i32, i32, i32))",
			 WASM_USER_EXPORT_SIGNAL);
		return -ENOEXEC;
	}
	if (m.start_func >= 0 && !wasm_func_is(&m, m.start_func, 0)) {
		snprintf(why, size, "its start function is not void (void)");
		return -ENOEXEC;
	}
	if (m.thread >= 0 && !wasm_func_is(&m, m.thread, 1)) {
		snprintf(why, size, "its %s is not void (i32)", WASM_USER_EXPORT_THREAD);
		return -ENOEXEC;
	}
	if (m.longjmp_type >= 0 && !wasm_type_is(&m, m.longjmp_type, 0, 0)) {
		snprintf(why, size, "its linux.longjmp is not void (void)");
		return -ENOEXEC;
	}
	if ((m.invokes || m.longjmp_type >= 0) && !m.table) {
		snprintf(why, size, "it imports invokes or linux.longjmp but exports no %s",
			 WASM_USER_EXPORT_TABLE);
		return -ENOEXEC;
	}
	if (m.fork_type >= 0 && !wasm_type_is(&m, m.fork_type, 4, 1)) {
		snprintf(why, size, "its linux.fork is not i32 (i32 x 4)");
		return -ENOEXEC;
	}
	if (m.fork_type >= 0 &&
	    (!wasm_func_is(&m, m.unwind, 1) || !wasm_func_is(&m, m.stop_unwind, 0) ||
	     !wasm_func_is(&m, m.rewind, 1) || !wasm_func_is(&m, m.stop_rewind, 0) ||
	     !m.stack_pointer || !m.shared)) {
		snprintf(why, size,
			 "it imports linux.fork but lacks Asyncify's exports, %s or a shared memory",
			 WASM_USER_EXPORT_SP);
		return -ENOEXEC;
	}
	*threads = m.thread >= 0 && m.shared;
	return 0;
}
