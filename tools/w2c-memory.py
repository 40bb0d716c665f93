#!/usr/bin/env python3
"""The memory accesses of wasm2c's C (the kernel's and user programs'),
made cheaper: every load and store reads the memory's base from a local
copy, and a program's atomic accesses are inline C11 atomics; and kept
true to wasm: each loop reads the memory again.

usage: w2c-memory.py FILE.c     (rewritten in place)

wasm2c 1.0.32 makes every load and store of an imported memory
i32_load(instance->Z_envZ_memory, addr): two loads (the memory's struct,
then its data pointer) before the access itself.  Its stores are memcpy
into the data, which may alias anything, so the C compiler must load both
again after every store and every call: pointer-chasing code waits on
them at each access.  Each function that accesses memory now starts with

    wasm_rt_memory_t wl_mem = { .data = instance->Z_envZ_memory->data };

and its loads and stores take &wl_mem, a local whose address never
escapes: the compiler keeps the base in a register.  (SQLite's
speedtest1 --size 30, natively, by hand, 2026-12-07: 0.93 s before,
0.80 s with the base in a local, 0.78 s with the atomics inline too.)

The atomic instructions that wasm-atomics.py made calls of runtime/
atomics.c (loads, stores, read-modify-writes, compare-exchanges) become
calls of static inline functions defined here that do what atomics.c's
do: sequentially consistent, the effective address addr + offset in 64
bits, checked against the end the memory has now (another thread may
grow it) and for alignment, either a trap.  They are no longer calls
through the PLT into the runtime (about 2% of Python's time).  Waits,
notifies and fences stay the runtime's.

With the base in a register, C may keep a value it loaded before a loop
for the whole loop, where wasm loads it at each pass: a loop that waits
for another thread (a spin on a flag, as pthread_spin_lock's), for a
signal handler (a volatile flag: volatile is no more than a load in
wasm) or for the host would wait forever.  A compiler barrier at the
head of every loop (wasm's only backward branches) makes each pass read
the memory again, in every translation; within a pass the accesses stay
plain ones that the compiler optimises (with every access volatile,
before, Python's benchmark ran 0.97-1.09 s; with the barriers and -O2
0.90 s; speedtest1 runs 0.5-1% slower with the barriers than without).

This is sound because a memory never moves (runtime/memory.c reserves
the whole 32-bit space plus the largest offset up front and grows in
place), and because accesses find no end to check in the copy: an access
past the end is one to an inaccessible page, which wasm-rt's signal
handler makes a trap (the output insists on that mode, and on wasm-rt's
little-endian accesses: its big-endian ones index from the size).
memory.size, memory.grow and the bulk operations (memory.copy,
memory.fill, memory.init), which read the size, keep the instance's
memory.
"""
import re
import sys

ACCESS = re.compile(r'\b((?:i32|i64|f32|f64)_(?:load|store)(?:8|16|32)?(?:_[su])?)'
                    r'\(instance->Z_envZ_memory, ')
ATOMIC = re.compile(r'\(\*Z_wl_atomicZ_(\w+)\)\(instance->Z_wl_atomic_instance, ')
FUNCTION = re.compile(r'^[a-z0-9_ ]+ w2c_\w+\(\w+_instance_t\* instance[^)]*\) \{\n', re.M)
LOCAL = '  wasm_rt_memory_t wl_mem = { .data = instance->Z_envZ_memory->data };\n'
PREAMBLE_END = '\nstatic bool s_module_initialized'
GUARD = ('#if !WASM_RT_MEMCHECK_SIGNAL_HANDLER || WABT_BIG_ENDIAN\n'
         '#error "w2c-memory.py: loads and stores take a copy without the size"\n'
         '#endif\n')
LOOP_LABEL = re.compile(r'^( *w2c_L[0-9]+:) *$', re.M)
LOOP_BARRIER = r'\1 __asm__ volatile("" ::: "memory");'
RMW = {'add': '__atomic_fetch_add', 'sub': '__atomic_fetch_sub',
       'and': '__atomic_fetch_and', 'or': '__atomic_fetch_or',
       'xor': '__atomic_fetch_xor', 'xchg': '__atomic_exchange_n'}


def atomics():
    """NAME (as atomics.c names it) -> (value type, memory type, operation)."""
    table = {}
    for prefix, vt, widths in (('i32', 'u32', (8, 16, 32)), ('i64', 'u64', (8, 16, 32, 64))):
        for w in widths:
            n, u = ('', '') if 'u%d' % w == vt else (str(w), '_u')
            mt = 'u%d' % w
            table['%s_atomic_load%s%s' % (prefix, n, u)] = (vt, mt, 'load')
            table['%s_atomic_store%s' % (prefix, n)] = (vt, mt, 'store')
            for op in RMW:
                table['%s_atomic_rmw%s_%s%s' % (prefix, n, op, u)] = (vt, mt, op)
            table['%s_atomic_rmw%s_cmpxchg%s' % (prefix, n, u)] = (vt, mt, 'cmpxchg')
    return table


ATOMICS = atomics()
AT = '''static inline void *wl_atomic_at(wasm_rt_memory_t *m, u32 addr, u32 off, u32 size) {
  u64 ea = (u64)addr + off;
  u64 end = (u64)__atomic_load_n(&m->pages, __ATOMIC_ACQUIRE) * 65536;
  if (__builtin_expect(ea + size > end || (ea & (size - 1)), 0))
    wasm_rt_trap(WASM_RT_TRAP_OOB);
  return m->data + ea;
}
'''


def definition(name):
    """The inline C of atomic access name."""
    vt, mt, op = ATOMICS[name]
    at = '(%s *)wl_atomic_at(m, addr, off, sizeof(%s))' % (mt, mt)
    head = 'static inline %s wl_%s(wasm_rt_memory_t *m, u32 addr, ' % (
        'void' if op == 'store' else vt, name)
    if op == 'load':
        return head + 'u32 off) {\n  return __atomic_load_n(%s, __ATOMIC_SEQ_CST);\n}\n' % at
    if op == 'store':
        return head + ('%s v, u32 off) {\n  __atomic_store_n(%s, (%s)v, __ATOMIC_SEQ_CST);\n}\n'
                       % (vt, at, mt))
    if op == 'cmpxchg':
        return head + ('%s expected, %s replacement, u32 off) {\n  %s old = (%s)expected;\n'
                       '  __atomic_compare_exchange_n(%s, &old, (%s)replacement, 0,\n'
                       '                              __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);\n'
                       '  return old;\n}\n' % (vt, vt, mt, mt, at, mt))
    return head + ('%s v, u32 off) {\n  return %s(%s, (%s)v, __ATOMIC_SEQ_CST);\n}\n'
                   % (vt, RMW[op], at, mt))


def rewrite(text):
    """text (wasm2c's C) with its accesses through wl_mem, atomics inline
    and a barrier at each loop's head."""
    out, pos, used = [], 0, set()

    def inline(m):
        if m.group(1) not in ATOMICS:
            return m.group(0)
        used.add(m.group(1))
        return 'wl_%s(instance->Z_envZ_memory, ' % m.group(1)

    for m in FUNCTION.finditer(text):
        end = text.index('\n}\n', m.end())
        body, n = ACCESS.subn(r'\1(&wl_mem, ', text[m.end():end])
        out += [text[pos:m.end()], LOCAL if n else '', body]
        pos = end
    out.append(text[pos:])
    text = ATOMIC.sub(inline, ''.join(out))
    if ACCESS.search(text):
        sys.exit('w2c-memory.py: an access outside the functions wasm2c is '
                 'expected to write')
    text, loops = LOOP_LABEL.subn(LOOP_BARRIER, text)
    if loops != len(re.findall(r'\bw2c_L[0-9]+:', text)):
        sys.exit("w2c-memory.py: wasm2c's loop labels are not as expected")
    if used:
        at = text.index(PREAMBLE_END) + 1
        defs = AT + ''.join(definition(n) for n in sorted(used))
        text = text[:at] + defs + text[at:]
    return text + GUARD


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1]) as f:
        text = f.read()
    with open(sys.argv[1], 'w') as f:
        f.write(rewrite(text))


if __name__ == '__main__':
    main()
