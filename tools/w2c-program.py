#!/usr/bin/env python3
"""Glue for a user program translated by wasm2c (runtime/user.c).

  w2c-program.py glue NAME PROGRAM.wasm OUT.c [TRANSLATED.wasm]
      the program's struct wl_program: content hash, memory import
      limits, how much low memory can be kept inaccessible, entry points.
      TRANSLATED.wasm is the module wasm2c translated, if not PROGRAM.wasm
      (tools/wasm-atomics.py's rewrite): its imports say what the
      instance is given.
  w2c-program.py registry OUT.c NAME...
      wl_programs[], the programs the runtime can run
"""
import struct
import sys

from wasmbin import data_segments, exports, imports, limits, sections


def program_hash(data):
    """FNV-1a over 64-bit little-endian words in four lanes, as
    wl_program_hash(): word i goes to lane i % 4, the lanes are folded in
    order, then the tail."""
    mask = (1 << 64) - 1
    prime = 0x100000001b3
    lane = [((0xcbf29ce484222325 ^ len(data)) + k) & mask for k in range(4)]
    full = len(data) // 8 * 8
    for i, (w,) in enumerate(struct.iter_unpack('<Q', data[:full])):
        lane[i % 4] = ((lane[i % 4] ^ w) * prime) & mask
    h = lane[0]
    for v in lane[1:]:
        h = ((h ^ v) * prime) & mask
    w = int.from_bytes(data[full:], 'little')
    return ((h ^ w) * prime) & mask


def inspect(data):
    memory = None
    lowest = None
    passive = threads = False
    names = set()
    invokes = []
    try:
        for sid, start, end in sections(data):
            body = data[start:end]
            if sid == 2:
                for imp in imports(body):
                    if imp.kind == 0 and imp.module == 'env' and imp.field.startswith('invoke_'):
                        invokes.append(imp.field[len('invoke_'):])
                    if imp.kind == 2 and (imp.module, imp.field) == ('env', 'memory'):
                        _, lo, hi, _ = limits(body, imp.desc)
                        memory = (lo, hi if hi is not None else 65536)
            elif sid == 7:
                names = {(n, k) for n, k, _ in exports(body)}
                threads = ('__wasm_thread_start', 0) in names
            elif sid == 11:
                for flags, offset, _ in data_segments(body):
                    passive |= flags == 1
                    if flags in (0, 2):
                        if offset is None:
                            sys.exit('data segment offset is not a constant')
                        lowest = offset if lowest is None else min(lowest, offset)
    except ValueError as e:
        sys.exit(str(e))
    if memory is None:
        sys.exit('the program does not import env.memory (see user_abi.h)')
    # Passive segments (shared memory) are written by the start function
    # wherever it says: above the NULL guard, as user_abi.h asks.
    if lowest is None and passive:
        lowest = 65536
    guard = min(lowest or 0, 65536) // 4096 * 4096
    return memory, guard, threads, names, invokes


ASYNCIFY = ('start_unwind', 'stop_unwind', 'start_rewind', 'stop_rewind')

# The letters of an invoke import's signature (user_abi.h): C type and
# wasm-rt type.
SIG = {'i': ('u32', 'WASM_RT_I32'), 'j': ('u64', 'WASM_RT_I64'),
       'f': ('f32', 'WASM_RT_F32'), 'd': ('f64', 'WASM_RT_F64')}


def invoke(sig):
    """env.invoke_SIG: the call of table entry fn of type SIG, from which
    the program's longjmp returns (runtime/sjlj.c).  The buffer is set
    before wl_invoke_enter makes it the thread's innermost: a signal
    handler run between the two may longjmp.  The same code in
    every program (the instance is the thread's), so a weak definition:
    two programs linked together share one (WL_WEAK, program.h)."""
    if not sig or (sig[0] != 'v' and sig[0] not in SIG) or any(c not in SIG for c in sig[1:]):
        sys.exit(f'invoke_{sig}: not a signature (user_abi.h)')
    ret = 'void' if sig[0] == 'v' else SIG[sig[0]][0]
    params = sig[1:]
    decl = ''.join(f', {SIG[c][0]} a{i}' for i, c in enumerate(params))
    ctypes = ''.join(f', {SIG[c][0]}' for c in params)
    args = ''.join(f', a{i}' for i in range(len(params)))
    rtypes = [SIG[c][1] for c in params] + ([] if sig[0] == 'v' else [SIG[sig[0]][1]])
    reg = f'wasm_rt_register_func_type({len(params)}, {int(sig[0] != "v")}' + \
        ''.join(', ' + t for t in rtypes) + ')'
    call = f'(({ret} (*)(void *{ctypes}))f->func)(f->module_instance{args})'
    assign = '' if ret == 'void' else 'r = '
    body = f'\tif (!wl_setjmp(iv.jb)) {{\n' \
        f'\t\tf = wl_invoke_enter(env, &iv, fn, type - 1);\n' \
        f'\t\t{assign}{call};\n\t}}\n'
    local = '' if ret == 'void' else f'\tvolatile {ret} r = 0;\n'
    tail = '' if ret == 'void' else '\treturn r;\n'
    return f'''
WL_WEAK
{ret} Z_envZ_invoke_{sig}(struct Z_env_instance_t *env, u32 fn{decl})
{{
\t/* the type's registered index + 1 (an index may be 0) */
\tstatic uint32_t type;
\tstruct wl_invoke iv;
\tconst wasm_rt_funcref_t *f;
{local}
\tif (!type)
\t\ttype = {reg} + 1;
{body}\twl_invoke_leave(&iv);
{tail}}}
'''


# What wasm2c's instantiate is given for each module the program imports
# from, in the order it takes them (the modules' names, sorted): the
# atomic helpers' instance is the program's env (program.h).
INSTANCES = {
    'env': 'env',
    'linux': 'proc',
    'wl_atomic': '(struct Z_wl_atomic_instance_t *)env',
}


def instances(data):
    try:
        modules = sorted({imp.module for sid, start, end in sections(data) if sid == 2
                          for imp in imports(data[start:end])})
    except ValueError as e:
        sys.exit(str(e))
    for m in modules:
        if m not in INSTANCES:
            sys.exit('the program imports from module %s (see user_abi.h)' % m)
    return ', '.join(INSTANCES[m] for m in modules)


# wl_program's accessors of exported globals, and the globals.
ACCESSORS = (('stack_pointer', '__stack_pointer'),
             ('sjlj_mark', '__wasm_sjlj_mark'))


def mangle(name):
    """A wasm name as wasm2c spells it in C: letters, digits and _ stay,
    anything else (Z too, the escape) becomes Z and its hex code."""
    return ''.join(c if c.isascii() and (c.isalnum() or c == '_') and c != 'Z'
                   else 'Z%02X' % ord(c) for c in name)


def glue(mod, path, out, translated=None):
    data = open(path, 'rb').read()
    (initial, maximum), guard, threads, names, invokes = inspect(data)
    args = instances(open(translated or path, 'rb').read())
    z = 'Z_' + mod
    funcs = f'''
static void thread_start(void *inst, uint32_t stack)
{{
\t{z}Z___wasm_thread_start(inst, stack);
}}
''' if threads else ''
    # fork (user_abi.h): Asyncify's controls and the exported globals
    fork = all(('asyncify_' + n, 0) in names for n in ASYNCIFY)
    if fork:
        params = {'start_unwind': ', uint32_t data', 'start_rewind': ', uint32_t data'}
        for n in ASYNCIFY:
            p = params.get(n, '')
            funcs += f'''
static void {n}(void *inst{p})
{{
\t{z}Z_asyncify_{n}(inst{', data' if p else ''});
}}
'''
        copies = ''.join(f'\tmemcpy((void *){z}Z_{m}(dst), {z}Z_{m}((void *)src), '
                         f'sizeof(*{z}Z_{m}(dst)));\n'
                         for m in (mangle(g) for g, k in sorted(names) if k == 3))
        funcs += f'''
static void copy_globals(void *dst, const void *src)
{{
{copies}}}
'''
    table = ('__indirect_function_table', 1) in names
    if table:
        funcs += f'''
static wasm_rt_funcref_table_t *table(void *inst)
{{
\treturn {z}Z___indirect_function_table(inst);
}}
'''
    # the globals the host reads where it interrupts a thread (user.c)
    globals_ = {a: g for a, g in ACCESSORS if (g, 3) in names}
    for a, g in globals_.items():
        funcs += f'''
static uint32_t *{a}(void *inst)
{{
\treturn {z}Z_{g}(inst);
}}
'''
    funcs += ''.join(invoke(s) for s in invokes)
    controls = ''.join(f'\t.{n} = {n if fork else "NULL"},\n'
                       for n in ASYNCIFY + ('copy_globals',))
    accessors = ''.join(f'\t.{a} = {a if a in globals_ else "NULL"},\n'
                        for a, g in ACCESSORS)
    with open(out, 'w') as f:
        f.write(f'''/* Generated by tools/w2c-program.py from {path.split('/')[-1]}. */
#include <setjmp.h>
#include <string.h>

#include "program.h"
#include "{mod}.h"

static void instantiate(void *inst, struct Z_env_instance_t *env,
\t\t\tstruct Z_linux_instance_t *proc)
{{
\t{z}_instantiate(inst, {args});
}}

static void release(void *inst)
{{
\t{z}_free(inst);
}}

static void start(void *inst, uint32_t args)
{{
\t{z}Z__start(inst, args);
}}

static void signal(void *inst, uint32_t handler, uint32_t sig, uint32_t flags)
{{
\t{z}Z___wasm_signal(inst, handler, sig, flags);
}}
{funcs}
/* (visible: a program translated on demand is found by this name) */
__attribute__((visibility("default")))
const struct wl_program wl_program_{mod} = {{
\t.abi = WL_PROGRAM_ABI,
\t.name = "{mod}",
\t.hash = {program_hash(data):#x}ull,
\t.size = {len(data)},
\t.initial_pages = {initial},
\t.max_pages = {maximum},
\t.null_guard = {guard},
\t.instance_size = sizeof({z}_instance_t),
\t.init_module = {z}_init_module,
\t.instantiate = instantiate,
\t.free = release,
\t.start = start,
\t.signal = signal,
\t.thread_start = {'thread_start' if threads else 'NULL'},
{controls}\t.table = {'table' if table else 'NULL'},
{accessors}}};
''')


def registry(out, mods):
    with open(out, 'w') as f:
        f.write('/* Generated by tools/w2c-program.py. */\n')
        f.write('#include "internal.h"\n\n')
        for m in mods:
            f.write(f'extern const struct wl_program wl_program_{m};\n')
        f.write('\nconst struct wl_program *const wl_programs[] = {\n')
        for m in mods:
            f.write(f'\t&wl_program_{m},\n')
        f.write('\tNULL,\n};\n')


if __name__ == '__main__':
    if sys.argv[1] == 'glue' and len(sys.argv) in (5, 6):
        glue(*sys.argv[2:])
    elif sys.argv[1] == 'registry':
        registry(sys.argv[2], sys.argv[3:])
    else:
        sys.exit(__doc__)
