#!/usr/bin/env python3
"""Works around three wasm2c 1.0.32 bugs with --enable-exceptions, in place:

wasm2c [...] FILE.c

1. A branch to the label of a `try` block is emitted as `goto w2c_Tn;`
   but the label itself as `$Tn:;`, which does not compile.
2. A branch leaving a `try` body (br, br_if, br_table, return) does not
   restore the runtime's unwind target, so a later throw (our longjmp)
   would land in the stale try of a finished block or function.
3. A try is a C setjmp, but the function's wasm locals are plain C
   locals: with optimisation, values set in a try body are lost when an
   exception lands in its catch (gcc -Wclobbered).

LLVM's setjmp/longjmp lowering meets all three (vfork, setjmp users).  We
rename the label; before every goto that leaves try bodies, restore the
unwind target that was current outside the outermost one it leaves; and
make the parameters and locals of functions with a try volatile.
"""
import re
import sys

TRY = re.compile(r'if \(!wasm_rt_try\(w2c_(T\d+)_unwind_target\)\) \{')
LABEL = re.compile(r'^\s*(?:w2c_|\$)([A-Za-z]+\w*):;')
GOTO = re.compile(r'goto w2c_(\w+);')
PARAM = re.compile(r'(\(|, )((?:u32|u64|f32|f64|v128) w2c_p\d+)')
DECL = re.compile(r'^  ((?:u32|u64|f32|f64|v128) w2c_)')


def fix(lines):
    out = list(lines)
    depth = 0
    func = 0
    tries = []          # open try bodies: (name, depth inside the body)
    labels = {}         # (func, label) -> names of enclosing try bodies
    gotos = []          # (line, func, names of enclosing try bodies)
    starts = {}         # func -> line of its definition
    has_try = set()
    for i, line in enumerate(lines):
        m = LABEL.match(line)
        if m:
            if line.lstrip().startswith('$'):
                out[i] = line.replace('$', 'w2c_', 1)
            labels[(func, m.group(1))] = [t[0] for t in tries]
        if 'goto w2c_' in line:
            gotos.append((i, func, [t[0] for t in tries]))
        m = TRY.search(line)
        if m:
            has_try.add(func)
        for c in line:
            if c == '{':
                if depth == 0:
                    func += 1
                    starts[func] = i
                depth += 1
            elif c == '}':
                depth -= 1
                while tries and depth < tries[-1][1]:
                    tries.pop()
        if m:
            tries.append((m.group(1), depth))
    for i, f, inside in gotos:
        def repl(g):
            target = labels.get((f, g.group(1)))
            if target is None:
                return g.group(0)
            left = [t for t in inside if t not in target]
            if not left:
                return g.group(0)
            return ('wasm_rt_set_unwind_target(w2c_%s_outer_target); %s'
                    % (left[0], g.group(0)))
        out[i] = GOTO.sub(repl, out[i])
    for f in has_try:
        i = starts[f]
        out[i] = PARAM.sub(r'\1volatile \2', out[i])
        i += 1
        while DECL.match(out[i]) or out[i].strip() == 'FUNC_PROLOGUE;':
            out[i] = DECL.sub(r'  volatile \1', out[i])
            i += 1
    # Catches copy the exception's values into those locals.
    return [l.replace('wasm_rt_memcpy(&w2c_', 'wasm_rt_memcpy((void *)&w2c_')
            for l in out]


for path in sys.argv[1:]:
    with open(path) as f:
        lines = f.read().split('\n')
    with open(path, 'w') as f:
        f.write('\n'.join(fix(lines)))
