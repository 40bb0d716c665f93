#!/usr/bin/env python3
"""Writes a corpus of malformed user programs, for tests/boot/malformed.sh.

usage: tools/gen-malformed.py RAW.WASM DIR

From a small valid program (build/user/raw.wasm, tests/user/raw.c) it
writes 200 modules that no host may run as a program: truncations,
random byte mutations, wrong imports and exports, a memory of their own
or too much of one, a bad start function, invalid code, and a few valid
modules that trap (at instantiation or at once).  The same input always
gives the same corpus (a fixed seed).

DIR/PROBE is raw.wasm without its name section, a valid program that no
host was built with.  DIR/MANIFEST has one line per module, "NAME CLASS REASON":
  kernel  the kernel's check (<asm/user_abi.h>) refuses it: ENOEXEC, and
          REASON is the start of what it logs ("PATH: REASON...")
  host    the kernel lets it through and the host must refuse it (the
          compiler or the engine fails): ENOEXEC
  signal  a valid module whose process must die of a signal: REASON is
          the shell's status for it, 128 + the signal of its trap as
          <asm/user_abi.h> says (SIGSEGV out of bounds, also a data or
          element segment at instantiation, and stack exhaustion; SIGFPE
          division by zero; SIGILL anything else)
REASON is "-" where there is no fixed one.  The class of a random
mutation comes from a model of the kernel's check (kernel_check below,
which follows kernel/arch/wasm/kernel/wasm_module.c) and, for what passes
it, from wasm-validate (wabt): mutations that are valid wasm are dropped,
so that none can run as a program with unknown behaviour (loop forever).

huge.wasm is the head of a module over WASM_USER_MAX_MODULE: the test
extends it inside WasmLinux (a sparse file) to HUGE_SIZE bytes, so that
the corpus stays small on disk and in --load.
"""
import os
import random
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True       # (no tools/__pycache__ in the tree)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wasmbin import leb, sections, uleb  # noqa: E402

SEED = 20261201
TOTAL = 200
MAX_PAGES = 16384                  # WASM_USER_MAX_PAGES
MAX_MODULE = 64 << 20              # WASM_USER_MAX_MODULE
HUGE_SIZE = MAX_MODULE + 4096
MAGIC = b'\0asm\1\0\0\0'
I32, FUNC = 0x7f, 0x60


# ---- writing modules

def name(s):
    s = s.encode() if isinstance(s, str) else s
    return uleb(len(s)) + s


def vec(items):
    return uleb(len(items)) + b''.join(items)


def section(sid, body):
    return bytes([sid]) + uleb(len(body)) + body


def functype(params, results):
    return bytes([FUNC]) + vec([bytes([t]) for t in params]) + \
        vec([bytes([t]) for t in results])


def limits(lo, hi=None, flags=None):
    if flags is None:
        flags = 0 if hi is None else 1
    return bytes([flags]) + uleb(lo) + (uleb(hi) if flags & 1 else b'')


def mem_import(lo=3, hi=None, flags=None, module='env', field='memory'):
    return name(module) + name(field) + b'\x02' + limits(lo, hi, flags)


def sys_import(typeidx=1, module='linux', field='syscall'):
    return name(module) + name(field) + b'\x00' + uleb(typeidx)


def func_export(n, idx):
    return name(n) + b'\x00' + uleb(idx)


def body(code, locals_=b'\x00'):
    b = locals_ + code + b'\x0b'
    return uleb(len(b)) + b


class Module:
    """A module as a list of (section id, body), to change and write."""

    def __init__(self, data):
        self.secs = [(sid, bytes(data[b:e])) for sid, b, e in sections(data)]

    def copy(self):
        m = Module.__new__(Module)
        m.secs = list(self.secs)
        return m

    def get(self, sid):
        return next(b for s, b in self.secs if s == sid)

    def set(self, sid, body):
        self.secs = [(s, body if s == sid else b) for s, b in self.secs]
        return self

    def drop(self, sid):
        self.secs = [(s, b) for s, b in self.secs if s != sid]
        return self

    def insert_after(self, after, sid, body):
        i = next(k for k, (s, _) in enumerate(self.secs) if s == after)
        self.secs.insert(i + 1, (sid, body))
        return self

    def bytes(self):
        return MAGIC + b''.join(section(s, b) for s, b in self.secs)


# ---- the kernel's check (wasm_module.c), to know who refuses a module

class Bad(Exception):
    pass


def text(b):
    """A name as the kernel logs it (32 bytes at most), printable or '?'."""
    return ''.join(chr(c) if 0x21 <= c < 0x7f else '?' for c in b[:32])


def kernel_check(data):
    """The start of the kernel's reason for refusing data, or None."""
    if len(data) < 8 or data[:8] != MAGIC:
        return 'not a wasm module (version 1)'
    if len(data) > MAX_MODULE:
        return 'more than a program may be'

    def u32(b, p):
        v = shift = 0
        while shift < 35:
            if p >= len(b):
                raise Bad
            x = b[p]
            p += 1
            v |= (x & 0x7f) << shift
            if not x & 0x80:
                if shift == 28 and x > 0x0f:
                    raise Bad
                return v, p
            shift += 7
        raise Bad

    def nm(b, p):
        n, p = u32(b, p)
        if n > len(b) - p:
            raise Bad
        return b[p:p + n], p + n

    order = {1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10,
             12: 11, 10: 12, 11: 13}
    types = funcs = None
    memory = syscall = False
    pages = sys_type = 0
    start = signal = thread = start_func = None
    last = 0
    pos = 8
    try:
        while pos < len(data):
            sid = data[pos]
            n, p = u32(data, pos + 1)
            if n > len(data) - p:
                raise Bad
            s = data[p:p + n]
            pos = p + n
            if sid == 0:
                continue
            if sid not in order or order[sid] <= last:
                return f'section {sid} is unknown or out of order'
            last = order[sid]
            if sid == 1:
                types = s
            elif sid == 3:
                funcs = s
            elif sid == 5:
                return 'it defines a memory'
            elif sid == 8:
                start_func, _ = u32(s, 0)
            elif sid == 2:
                cnt, q = u32(s, 0)
                for _ in range(cnt):
                    mod, q = nm(s, q)
                    fld, q = nm(s, q)
                    if q >= len(s):
                        raise Bad
                    kind = s[q]
                    q += 1
                    if kind == 2 and mod == b'env' and fld == b'memory' and not memory:
                        if q >= len(s):
                            raise Bad
                        flags = s[q]
                        pages, q = u32(s, q + 1)
                        if flags & 1:
                            _, q = u32(s, q)
                        if flags & ~3:
                            return 'its memory is not a 32-bit memory'
                        memory = True
                    elif kind == 0 and mod == b'linux' and fld == b'syscall' and not syscall:
                        sys_type, q = u32(s, q)
                        syscall = True
                    else:
                        return f'it imports {text(mod)}.{text(fld)};'
            elif sid == 7:
                cnt, q = u32(s, 0)
                for _ in range(cnt):
                    en, q = nm(s, q)
                    if q >= len(s):
                        raise Bad
                    kind = s[q]
                    idx, q = u32(s, q + 1)
                    if kind == 0 and en == b'_start':
                        start = idx
                    elif kind == 0 and en == b'__wasm_signal':
                        signal = idx
                    elif kind == 0 and en == b'__wasm_thread_start':
                        thread = idx
    except Bad:
        return 'a truncated or malformed module'
    if not memory or not syscall:
        return 'it does not import ' + ('linux.syscall' if memory else 'env.memory')
    if pages > MAX_PAGES:
        return 'it asks for'

    def type_is(idx, np_, nr):
        if types is None:
            return False
        try:
            n, q = u32(types, 0)
            if idx >= n:
                return False
            for i in range(idx + 1):
                if q >= len(types) or types[q] != FUNC:
                    return False
                a, q = u32(types, q + 1)
                ok = a == np_
                for _ in range(a):
                    if q >= len(types):
                        raise Bad
                    ok &= types[q] == I32
                    q += 1
                r, q = u32(types, q)
                ok &= r == nr
                for _ in range(r):
                    if q >= len(types):
                        raise Bad
                    ok &= types[q] == I32
                    q += 1
                if i == idx:
                    return ok
        except Bad:
            return False
        return False

    def func_type(f):
        if f < 1:
            return sys_type if f == 0 else None
        f -= 1
        if funcs is None:
            return None
        try:
            n, q = u32(funcs, 0)
            if f >= n:
                return None
            for _ in range(f + 1):
                t, q = u32(funcs, q)
            return t
        except Bad:
            return None

    if not type_is(sys_type, 7, 1):
        return 'its linux.syscall is not'
    t = None if start is None else func_type(start)
    if t is None or not type_is(t, 1, 0):
        return 'it exports no _start'
    t = None if signal is None else func_type(signal)
    if t is None or not type_is(t, 3, 0):
        return 'it exports no __wasm_signal'
    t = None if start_func is None else func_type(start_func)
    if start_func is not None and (t is None or not type_is(t, 0, 0)):
        return 'its start function is not'
    t = None if thread is None else func_type(thread)
    if thread is not None and (t is None or not type_is(t, 1, 0)):
        return 'its __wasm_thread_start is not'
    return None


def wasm_valid(data):
    """Whether wabt's wasm-validate accepts data with every feature on."""
    with tempfile.NamedTemporaryFile(suffix='.wasm') as f:
        f.write(data)
        f.flush()
        r = subprocess.run(['wasm-validate', '--enable-all', f.name],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return r.returncode == 0


# ---- the corpus

def main():
    raw_path, out = sys.argv[1], sys.argv[2]
    raw = open(raw_path, 'rb').read()
    base = Module(raw).drop(0)          # without the name section: smaller
    good = base.bytes()
    assert kernel_check(good) is None and wasm_valid(good)
    rng = random.Random(SEED)
    corpus = []                         # (name, bytes, class, reason)

    def add(n, data, cls=None, reason=None):
        why = kernel_check(data)
        if cls is None:
            cls = 'kernel' if why else 'host'
        if cls == 'kernel':
            assert why, n
            reason = reason or why
        else:
            assert why is None, (n, why)
        corpus.append((n, data, cls, reason or '-'))

    # the layout of the good module: where sections and their bodies are
    layout = []                         # (id, start, body, end)
    pos = 8
    while pos < len(good):
        size, b = leb(good, pos + 1)
        layout.append((good[pos], pos, b, b + size))
        pos = b + size
    code = next(x for x in layout if x[0] == 10)
    bounds = {x[1] for x in layout} | {len(good)}

    # -- constructed: not wasm, sections
    add('empty', b'', 'kernel', '-')            # (not even the magic: no log)
    add('magic-only', b'\0asm')
    add('version-2', b'\0asm\2\0\0\0' + good[8:])
    add('bad-magic', b'\0ASM' + good[4:])
    add('header-only', MAGIC, 'kernel', 'it does not import env.memory')
    add('unknown-section', good + section(14, b'\0'))
    add('out-of-order', base.copy().drop(2).insert_after(7, 2, base.get(2)).bytes())
    add('two-type-sections', base.copy().insert_after(1, 1, base.get(1)).bytes())
    add('section-size-overlong', good[:8] + bytes([1, 0x80, 0x80, 0x80, 0x80, 0x7f])
        + good[9 + len(uleb(len(base.get(1)))):])
    add('custom-too-long', good + bytes([0]) + uleb(1000) + name('x'))
    add('section-leb-6-bytes', good[:8] + bytes([1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00])
        + good[9 + len(uleb(len(base.get(1)))):])

    # -- imports
    imp = base.get(2)
    # (in either order: wasm-ld's has changed between LLVM 19 releases)
    assert imp in (vec([mem_import(), sys_import()]), vec([sys_import(), mem_import()])), \
        'raw.wasm imports changed'

    def with_imports(*items):
        return base.copy().set(2, vec(list(items))).bytes()

    add('import-env-syscall', with_imports(mem_import(), sys_import(module='env')))
    add('import-other-field', with_imports(mem_import(), sys_import(field='write')))
    add('import-second-function', with_imports(mem_import(), sys_import(),
                                               sys_import(field='syscall2')))
    add('import-syscall-twice', with_imports(mem_import(), sys_import(), sys_import()))
    add('import-syscall-wrong-type', with_imports(mem_import(), sys_import(typeidx=0)))
    add('import-syscall-type-99', with_imports(mem_import(), sys_import(typeidx=99)))
    add('import-table', with_imports(mem_import(), sys_import(),
                                     name('env') + name('table') + b'\x01\x70' + limits(1)))
    add('import-global', with_imports(mem_import(), sys_import(),
                                      name('env') + name('g') + b'\x03\x7f\x00'))
    add('import-tag', with_imports(mem_import(), sys_import(),
                                   name('env') + name('t') + b'\x04\x00\x00'))
    add('import-memory-renamed', with_imports(mem_import(field='mem'), sys_import()))
    add('import-memory-linux', with_imports(mem_import(module='linux'), sys_import()))
    add('import-memory-twice', with_imports(mem_import(), mem_import(), sys_import()))
    add('import-no-syscall', with_imports(mem_import()))
    add('import-no-memory', with_imports(sys_import()))
    add('import-none', base.copy().drop(2).bytes())
    add('import-count-3-of-2', base.copy().set(2, uleb(3) + imp[1:]).bytes())
    add('import-memory64', with_imports(mem_import(flags=4), sys_import()))
    add('import-kind-9', with_imports(mem_import(), name('linux') + name('syscall') + b'\x09\x01'))

    # -- exports
    exp = base.get(7)
    assert exp == vec([func_export('__wasm_signal', 1), func_export('_start', 2)]), \
        'raw.wasm exports changed'

    def with_exports(*items):
        return base.copy().set(7, vec(list(items))).bytes()

    sig = func_export('__wasm_signal', 1)
    add('export-no-start', with_exports(sig))
    add('export-start-renamed', with_exports(sig, func_export('_strat', 2)))
    add('export-start-global', with_exports(sig, name('_start') + b'\x03\x00'))
    add('export-start-wrong-type', with_exports(sig, func_export('_start', 1)))
    add('export-start-is-syscall', with_exports(sig, func_export('_start', 0)))
    add('export-start-999', with_exports(sig, func_export('_start', 999)))
    add('export-no-signal', with_exports(func_export('_start', 2)))
    add('export-signal-wrong-type', with_exports(func_export('__wasm_signal', 2),
                                                 func_export('_start', 2)))
    add('export-thread-wrong-type', with_exports(sig, func_export('_start', 2),
                                                 func_export('__wasm_thread_start', 1)))
    add('export-none', base.copy().drop(7).bytes())
    # (the kernel takes the last _start; the compiler refuses the duplicate)
    add('export-start-twice', with_exports(sig, func_export('_start', 2),
                                           func_export('_start', 3)))

    # -- memory
    add('memory-defined-too', base.copy().insert_after(4, 5, vec([limits(3)])).bytes())
    add('memory-defined-not-imported',
        base.copy().set(2, vec([sys_import()])).insert_after(4, 5, vec([limits(3)])).bytes())
    add('memory-initial-16385', with_imports(mem_import(lo=MAX_PAGES + 1), sys_import()))
    add('memory-initial-65536', with_imports(mem_import(lo=65536, hi=65536), sys_import()))
    add('memory-initial-4g-pages', with_imports(mem_import(lo=0xffffffff), sys_import()))
    add('memory-initial-leb-overflow', with_imports(
        name('env') + name('memory') + b'\x02\x00\xff\xff\xff\xff\x7f', sys_import()))
    add('memory-max-below-initial', with_imports(mem_import(lo=3, hi=2), sys_import()))
    add('memory-max-above-4g', with_imports(mem_import(lo=3, hi=65537), sys_import()))
    add('memory-shared-no-max', with_imports(mem_import(lo=3, flags=2), sys_import()))

    # -- a start function (it traps: unreachable)
    types = base.get(1)
    ntypes = types[0]
    nfuncs, _ = leb(base.get(3), 0)
    codes = base.get(10)
    ncodes, after = leb(codes, 0)
    nil_type = ntypes                   # a new type () -> ()

    def plus_func(m, code_bytes, typeidx=None, locals_=b'\x00'):
        """m with one more function (index nfuncs + 1), of () -> ()."""
        m.set(1, uleb(ntypes + 1) + types[1:] + functype([], []))
        fs = m.get(3)
        m.set(3, uleb(nfuncs + 1) + fs[len(uleb(nfuncs)):] +
              uleb(nil_type if typeidx is None else typeidx))
        m.set(10, uleb(ncodes + 1) + codes[after:] + body(code_bytes, locals_))
        return m

    trap_idx = nfuncs + 1
    add('start-traps', plus_func(base.copy(), b'\x00').insert_after(7, 8, uleb(trap_idx)).bytes(),
        'signal', '139')
    add('start-is-start', base.copy().insert_after(7, 8, uleb(2)).bytes())
    add('start-out-of-range', base.copy().insert_after(7, 8, uleb(500)).bytes())

    # -- structurally fine, invalid code: the compiler refuses it
    def start_code(code_bytes, locals_=b'\x00'):
        """base with _start's body replaced (the export points at a new
        function of the right type, (i32) -> ())."""
        m = plus_func(base.copy(), code_bytes, typeidx=0, locals_=locals_)
        return m.set(7, vec([sig, func_export('_start', trap_idx)])).bytes()

    add('code-add-empty-stack', start_code(b'\x6a'), 'host')
    add('code-returns-i64', start_code(b'\x42\x00'), 'host')
    add('code-opcode-ff', start_code(b'\xff'), 'host')
    add('code-call-99', start_code(b'\x10\x63'), 'host')
    add('code-local-9', start_code(b'\x20\x09\x1a'), 'host')
    add('code-fewer-bodies', base.copy().set(10, uleb(ncodes - 1) + codes[after:]).bytes(),
        'host')
    add('code-function-type-9', base.copy().set(3, base.get(3)[:-1] + uleb(9)).bytes(), 'host')
    add('code-data-count-5', base.copy().insert_after(9, 12, uleb(5)).bytes(), 'host')
    add('code-elem-func-99', base.copy().set(9, vec([b'\x00\x41\x10\x0b' + vec([uleb(99)])])).bytes(),
        'host')
    # (the last section, a data segment whose offset expression has no end)
    add('code-data-offset-no-end', base.copy().set(11, vec([b'\x00\x23\x00'])).bytes(), 'host')
    add('code-global-i64-init', base.copy().set(6, vec([b'\x7f\x01\x42\x00\x0b'])).bytes(), 'host')

    # -- valid modules that trap: only their process dies
    add('trap-start-unreachable', start_code(b'\x00'), 'signal', '132')
    add('trap-start-div-zero', start_code(b'\x41\x01\x41\x00\x6d\x1a'), 'signal', '136')
    add('trap-start-store-oob', start_code(b'\x41\x70\x41\x00\x36\x02\x00'), 'signal', '139')
    # (a store after the call, so that the C compiler cannot make the
    # recursion a loop: it must exhaust the stack)
    add('trap-start-recursion', start_code(b'\x20\x00\x10' + uleb(trap_idx) +
                                           b'\x41\x80\x80\x04\x20\x00\x36\x02\x00'),
        'signal', '139')
    add('trap-data-out-of-bounds', base.copy().set(11, vec([
        b'\x00\x41' + bytes([0x80, 0x80, 0x80, 0x7f]) + b'\x0b' + name('x')])).bytes(), 'signal',
        '139')
    add('trap-elem-out-of-bounds', base.copy().set(9, vec([
        b'\x00\x41\xe4\x00\x0b' + vec([uleb(5)])])).bytes(), 'signal',
        '139')

    # -- the kernel's own reading of a section's counts: a function
    # section that claims 2^32 - 1 entries and an _start far into them
    add('count-huge-funcs', base.copy().set(3, uleb(0xffffffff) + base.get(3)[1:])
        .set(7, vec([sig, func_export('_start', 0xfffffff0)])).bytes())

    # -- over WASM_USER_MAX_MODULE: a head the test extends to HUGE_SIZE
    size = HUGE_SIZE - len(good) - 5   # (id, a size of 4 bytes, the body)
    huge_head = good + bytes([0]) + uleb(size) + name('x')
    assert len(uleb(size)) == 4
    corpus.append(('huge', huge_head, 'kernel', 'more than a program may be'))

    # -- truncations: at offsets inside sections (a cut at a boundary
    # could leave a valid program), and in the header
    n_trunc = 40
    cuts = [1, 4, 7, 9, 10]
    inside = [i for i in range(11, len(good)) if i not in bounds]
    step = len(inside) / (n_trunc - len(cuts))
    cuts += [inside[int(k * step)] for k in range(n_trunc - len(cuts))]
    for c in cuts:
        add(f'trunc-{c:05d}', good[:c], 'kernel')

    # -- random byte mutations: one to three bytes, in the header, in
    # section headers (ids and sizes), in the code, anywhere.  The kernel
    # refuses most; of those it lets through (all in the code), a few
    # that wasm-validate refuses stay, the rest are dropped.
    heads = [i for x in layout for i in range(x[1], x[2])]
    n_code = 3                          # random mutations that reach the compiler
    n_head, n_sec = 12, 50
    regions = [('head', range(8), n_head, 'kernel'), ('sec', heads, n_sec, 'kernel'),
               ('code', range(code[2], code[3]), n_code, 'host'),
               ('any', range(8, len(good)), TOTAL - len(corpus) - n_head - n_sec - n_code,
                'kernel')]
    for region, where, count, want in regions:
        where = list(where)
        made = 0
        while made < count:
            d = bytearray(good)
            for _ in range(rng.choice([1, 1, 2, 3])):
                i = rng.choice(where)
                d[i] = (d[i] + rng.randrange(1, 256)) & 0xff
            d = bytes(d)
            if any(d == x[1] for x in corpus):
                continue
            cls = 'kernel' if kernel_check(d) else 'host'
            if cls != want or (cls == 'host' and wasm_valid(d)):
                continue
            add(f'mut-{region}-{made:03d}', d, cls)
            made += 1
    assert len(corpus) == TOTAL, len(corpus)

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, 'MANIFEST'), 'w') as man:
        for n, data, cls, reason in corpus:
            with open(os.path.join(out, n), 'wb') as f:
                f.write(data)
            os.chmod(os.path.join(out, n), 0o755)
            man.write(f'{n} {cls} {reason}\n')
    with open(os.path.join(out, 'HUGE_SIZE'), 'w') as f:
        f.write(f'{HUGE_SIZE}\n')
    # a valid module that no host was built with (raw.wasm without its
    # name section): whether this host runs modules it has not seen
    with open(os.path.join(out, 'PROBE'), 'wb') as f:
        f.write(good)
    os.chmod(os.path.join(out, 'PROBE'), 0o755)


if __name__ == '__main__':
    main()
