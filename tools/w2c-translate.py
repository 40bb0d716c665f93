#!/usr/bin/env python3
"""Translates a user program (a wasm module of user_abi.h) into C for the
native runtime, and on demand into a shared object it loads.  Atomic
instructions become calls of runtime/atomics.c first (wasm-atomics.py);
w2c-memory.py then rewrites wasm2c's memory accesses.

  w2c-translate.py c NAME MODULE.wasm OUTDIR PARTS
      NAME.h, NAME-impl.h, NAME-main.c, NAME-0.c ... NAME-(PARTS-1).c
      and NAME-glue.c in OUTDIR: what the build compiles into the runtime
      for a built-in program
  w2c-translate.py so MODULE.wasm OUTDIR PARTS JOBS INCLUDEDIR CC...
      the same with NAME "prog", compiled by JOBS compilers at once and
      linked into OUTDIR/prog.so (runtime/translate.c); prints
      "parts DONE/ALL" as compilers finish.  INCLUDEDIR has program.h.

The C compiler's messages go to standard error.  Exit status: 0, 10 if
wasm2c or the rewrite of atomics refused the module, 11 if the C
compiler failed (others: this script failed).
"""
import os
import subprocess
import sys

TOOLS = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, TOOLS)
rewrite_memory = __import__('w2c-memory').rewrite


def tool(script, *args):
    subprocess.run([sys.executable, os.path.join(TOOLS, script), *args], check=True)


def translate(name, module, outdir, parts):
    """The atomics' rewrite, wasm2c, its exception fixes, the split and the
    glue (C files).  The glue's hash is the original module's: the kernel
    hands the runtime the bytes it executes."""
    os.makedirs(outdir, exist_ok=True)
    full = os.path.join(outdir, name + '-full.c')
    plain = os.path.join(outdir, name + '-plain.wasm')
    r = subprocess.run([sys.executable, os.path.join(TOOLS, 'wasm-atomics.py'), module, plain])
    if r.returncode:
        sys.exit(10)
    r = subprocess.run(['wasm2c', '--enable-exceptions', '-n', name, plain, '-o', full])
    if r.returncode:
        sys.exit(10)
    tool('w2c-fix-eh.py', full)
    os.replace(os.path.join(outdir, name + '-full.h'), os.path.join(outdir, name + '.h'))
    with open(full) as f:
        text = f.read().replace('"%s-full.h"' % name, '"%s.h"' % name)
    text = rewrite_memory(text)
    with open(full, 'w') as f:
        f.write(text)
    tool('w2c-split.py', name, full, str(parts), outdir)
    os.remove(full)
    tool('w2c-program.py', 'glue', name, module, os.path.join(outdir, name + '-glue.c'), plain)
    os.remove(plain)
    return [os.path.join(outdir, '%s-%s.c' % (name, p))
            for p in ['glue', 'main'] + [str(i) for i in range(parts)]]


def build_so(module, outdir, parts, jobs, include, cc):
    sources = translate('prog', module, outdir, parts)
    # -O1: Lua 5.4 translates in 8.6 s instead of 14.2 s (two cores) and
    # runs a table and recursion benchmark 2-4% slower than with -O2; the
    # programs built into the runtime keep -O2.
    flags = ['-O1', '-fPIC', '-fvisibility=hidden', '-w', '-I', outdir, '-I', include]
    pending = sorted(sources, key=os.path.getsize, reverse=True)
    running, objects, done = [], [], 0
    print('parts 0/%d' % len(sources), flush=True)
    while pending or running:
        while pending and len(running) < jobs:
            src = pending.pop(0)
            obj = src[:-2] + '.o'
            running.append(subprocess.Popen(cc + flags + ['-c', src, '-o', obj]))
            objects.append(obj)
        p = running.pop(0)
        if p.wait():
            for q in running:
                q.wait()
            sys.exit(11)
        done += 1
        print('parts %d/%d' % (done, len(sources)), flush=True)
    if subprocess.run(cc + ['-shared', '-o', os.path.join(outdir, 'prog.so')] + objects).returncode:
        sys.exit(11)


def main():
    if len(sys.argv) == 6 and sys.argv[1] == 'c':
        translate(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif len(sys.argv) >= 8 and sys.argv[1] == 'so':
        build_so(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]),
                 sys.argv[6], sys.argv[7:])
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main()
