#!/usr/bin/env python3
"""Rewrites the atomic instructions of a wasm module into calls of host
functions, so that wasm2c 1.0.32, which refuses the threads proposal,
translates programs built with -matomics and --shared-memory.

usage: wasm-atomics.py IN.wasm OUT.wasm

A module with no atomic instruction and no shared memory is copied as it
is (byte for byte).  Otherwise OUT.wasm is IN.wasm with:

- the shared flag of its memory cleared: the native runtime shares a
  memory between threads by giving every thread's instance the same
  wasm_rt_memory_t (runtime/user.c), which wasm2c needs no flag for;
- each atomic instruction (loads, stores, read-modify-writes and
  compare-exchanges of every width, memory.atomic.notify, wait32, wait64,
  atomic.fence) replaced by a call of an import of module "wl_atomic"
  named for it ("i32.atomic.rmw8.add_u" calls "i32_atomic_rmw8_add_u"),
  one import per instruction used.  The helpers (runtime/atomics.c) take
  the instruction's operands and then its memarg offset, an i32, so that
  they compute the effective address in 64 bits: adding the offset here
  in wasm would wrap at 4 GiB where the instruction traps.  atomic.fence
  becomes a call without arguments (a sequentially consistent fence: a
  plain nothing would let the C compiler move memory accesses across it);
- in a module whose memory was not shared, waits replaced by
  `unreachable`: the threads proposal traps on a wait in an unshared
  memory, where no other thread could ever notify.

How: wabt's own round trip, wasm2wat --generate-names then wat2wasm.  The
text has one instruction per line with its memarg spelled out, so an
atomic instruction is replaced by "i32.const OFFSET" and a call without
decoding any operand, and every reference is by name, so the function
indices that move up behind the new imports are renumbered by wat2wasm.
Rewriting the binary directly would need a decoder of every instruction
(SIMD, exceptions, bulk memory) only to find the atomic ones, and the
renumbering of every function index (calls, element segments, exports,
the start function, names) by hand.  The price is time, as the text is
13 times the module: on two cores, 0.3 s to find no atomics in BusyBox
(660 KiB), 0.7 s to rewrite one whose every load and store is atomic
(26,000 of them).  A module without a shared memory whose code has no
0xfe byte (the prefix of every atomic instruction) is known to have none
without the text.  The output keeps the exports, the start function, the
data segments and the function names (the module's own, else wasm2wat's,
which number functions as IN.wasm does); other custom sections are
dropped (wasm2c reads none of them).  wat2wasm runs without the threads
feature, so an atomic instruction that this had missed is an error, not
a module that wasm2c would then refuse.

Exit status 0, or 1 with a message naming IN.wasm.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from wasmbin import imports, leb, limits, sections


def signature(op):
    """(params, results) of the helper for the instruction named op: the
    instruction's operands (the address first), then the offset."""
    if op == 'atomic.fence':
        return [], []
    if op == 'memory.atomic.notify':
        return ['i32', 'i32', 'i32'], ['i32']
    if op == 'memory.atomic.wait32':
        return ['i32', 'i32', 'i64', 'i32'], ['i32']
    if op == 'memory.atomic.wait64':
        return ['i32', 'i64', 'i64', 'i32'], ['i32']
    t = op[:3]
    kind = op.split('.')[-1]
    if kind.startswith('load'):
        return ['i32', 'i32'], [t]
    if kind.startswith('store'):
        return ['i32', t, 'i32'], []
    if kind.startswith('cmpxchg'):
        return ['i32', t, t, 'i32'], [t]
    return ['i32', t, 'i32'], [t]


WIDTHS = r'(?:|8|16|32)'
# An atomic instruction on a line of its own, as wasm2wat writes it: the
# name, the memarg (align= only if not natural, which atomics forbid), and
# the parentheses that close the function after its last instruction.
ATOMIC = re.compile(
    r'^( +)((?:i32|i64)\.atomic\.(?:load%(w)s(?:_u)?|store%(w)s'
    r'|rmw%(w)s\.(?:add|sub|and|or|xor|xchg|cmpxchg)(?:_u)?)'
    r'|memory\.atomic\.(?:notify|wait32|wait64)|atomic\.fence)'
    r'(?: offset=(\d+))?(\)*)$' % {'w': WIDTHS}, re.M)
# A memory type (imported or defined) declared shared.
SHARED = re.compile(r'^(  \((?:import "(?:[^"\\]|\\.)*" "(?:[^"\\]|\\.)*" \()?'
                    r'memory [^\n]*?) shared\)', re.M)
# Module fields after which an import may go: imports, and before them types.
IMPORT = re.compile(r'^  \(import .*$', re.M)
TYPE = re.compile(r'^  \(type .*$', re.M)


def fail(path, why):
    sys.exit('wasm-atomics: %s: %s' % (path, why))


def maybe_threaded(data):
    """False if the module certainly has no shared memory and no atomic
    instruction: no memory with the shared flag, and no 0xfe byte (the
    prefix of every atomic instruction) in its code."""
    for sid, start, end in sections(data):
        body = data[start:end]
        if sid == 2:
            for imp in imports(body):
                if imp.kind == 2 and body[imp.desc] & 2:
                    return True
        elif sid == 5:
            count, pos = leb(body, 0)
            for _ in range(count):
                flags, _, _, pos = limits(body, pos)
                if flags & 2:
                    return True
        elif sid == 10 and 0xfe in body:
            return True
    return False


def run(path, argv):
    """argv's standard output; its complaints and the input's name if it
    has any (wasm2wat 1.0.32 prints a module's validation errors and
    still succeeds)."""
    try:
        r = subprocess.run(argv, capture_output=True)
    except OSError as e:
        fail(path, 'cannot run %s: %s' % (argv[0], e.strerror))
    err = r.stderr.decode(errors='replace').strip()
    if r.returncode or err:
        fail(path, '%s failed: %s' % (argv[0], err or 'status %d' % r.returncode))
    return r.stdout


def rewrite(text):
    """The module's text with its atomics rewritten, or None if it has none
    and no shared memory."""
    if 'atomic.' not in text and ' shared)' not in text:
        return None
    text, shared = SHARED.subn(r'\1)', text)
    used = {}

    def call(m):
        indent, op, offset, close = m.groups()
        field = op.replace('.', '_')
        if op.startswith('memory.atomic.wait') and not shared:
            return indent + 'unreachable' + close
        used[op] = field
        if op == 'atomic.fence':
            return '%scall $__wl_atomic.%s%s' % (indent, field, close)
        return '%si32.const %s\n%scall $__wl_atomic.%s%s' % (
            indent, offset or 0, indent, field, close)

    text, n = ATOMIC.subn(call, text)
    if not n and not shared:
        return None
    decls = []
    for op in sorted(used):
        params, results = signature(op)
        decls.append('  (import "wl_atomic" "%s" (func $__wl_atomic.%s%s%s))\n' % (
            used[op], used[op],
            ''.join(' (param %s)' % t for t in params),
            ''.join(' (result %s)' % t for t in results)))
    last = None
    for last in IMPORT.finditer(text):
        pass
    if last is None:
        for last in TYPE.finditer(text):
            pass
    if last is not None:
        at = last.end() + 1
    else:
        at = text.index('\n') + 1       # right after "(module"
    return text[:at] + ''.join(decls) + text[at:]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = sys.argv[1:]
    try:
        data = open(src, 'rb').read()
    except OSError as e:
        fail(src, e.strerror)
    try:
        threaded = maybe_threaded(data)
    except (ValueError, IndexError):
        fail(src, 'not a valid wasm module')
    text = None
    if threaded:
        wat = run(src, ['wasm2wat', '--enable-threads', '--enable-exceptions',
                        '--generate-names', src])
        # (Latin-1: every byte of names and strings comes back as it was)
        text = rewrite(wat.decode('latin-1'))
    if text is None:
        shutil.copyfile(src, dst)
        return
    with tempfile.TemporaryDirectory() as tmp:
        wat = os.path.join(tmp, 'module.wat')
        with open(wat, 'w', encoding='latin-1') as f:
            f.write(text)
        run(src, ['wat2wasm', '--enable-exceptions', '--debug-names', wat, '-o', dst])


if __name__ == '__main__':
    main()
