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
atomics.c's imports (loads, stores, read-modify-writes, compare-
exchanges) become calls of the static inline functions those imports
wrap (runtime/atomic-access.h, included here): no longer calls through
the PLT into the runtime (about 2% of Python's time).  Waits, notifies
and fences stay the runtime's.

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
# (wl_atomic imports that stay calls: they block or order, not access)
RUNTIME_ATOMICS = ('memory_atomic_', 'atomic_fence')
INCLUDE = '#include "atomic-access.h"\n'


def rewrite(text):
    """text (wasm2c's C) with its accesses through wl_mem, atomics inline
    and a barrier at each loop's head."""
    out, pos = [], 0

    def inline(m):
        if m.group(1).startswith(RUNTIME_ATOMICS):
            return m.group(0)
        return 'wl_%s(instance->Z_envZ_memory, ' % m.group(1)

    for m in FUNCTION.finditer(text):
        end = text.index('\n}\n', m.end())
        body, n = ACCESS.subn(r'\1(&wl_mem, ', text[m.end():end])
        out += [text[pos:m.end()], LOCAL if n else '', body]
        pos = end
    out.append(text[pos:])
    text, atomics = ATOMIC.subn(inline, ''.join(out))
    if ACCESS.search(text):
        sys.exit('w2c-memory.py: an access outside the functions wasm2c is '
                 'expected to write')
    text, loops = LOOP_LABEL.subn(LOOP_BARRIER, text)
    if loops != len(re.findall(r'\bw2c_L[0-9]+:', text)):
        sys.exit("w2c-memory.py: wasm2c's loop labels are not as expected")
    if atomics:
        at = text.index(PREAMBLE_END) + 1
        text = text[:at] + INCLUDE + text[at:]
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
