#!/usr/bin/env python3
"""The kernel's ABI numbers for the web host, as one ES module.

The web host (web/) needs the numbers of the kernel's interface: the host
interface (asm/host_ops.h), the user program interface (asm/user_abi.h),
system call, errno and signal numbers, and a few flags of system calls it
makes.  Rather than copies that can drift, this reads them from the C
headers with the C preprocessor: a first pass (-dM) lists the macros the
headers define, a second expands the chosen ones, and the expansions,
integer constant expressions or strings, are evaluated here.  A macro whose
expansion is neither (a cast, a function-like macro) is left out.  The
byte offsets of the fields of a few structures the host fills or reads
come from the same compiler, which compiles their offsetof() to LLVM's
text (the preprocessor cannot compute them).

The headers are the kernel's installed UAPI headers (make headers_install),
which are what user space sees.

usage: web-abi.py OUT.mjs CC [CC ARGUMENT...]
  CC: clang, with the include directory of the headers (-nostdinc -I...)
  and the target
"""
import ast
import os
import re
import subprocess
import sys

# (what, header, names): exported in this order, a name once.
GROUPS = [
    ("User programs", "asm/user_abi.h", r"WASM_USER_\w+"),
    ("The host interface", "asm/host_ops.h", r"WASM_\w+"),
    ("System calls: NR.name is __NR_name", "asm/unistd.h", r"__NR_\w+"),
    ("Errors", "asm/errno.h", r"E[A-Z0-9]+"),
    ("Signals and their actions", "asm/signal.h", r"SIG[A-Z0-9]+|SA_[A-Z_]+|_NSIG"),
    ("Files", "linux/fcntl.h", r"O_[A-Z_]+|AT_[A-Z_]+"),
    ("File types and statx's mask", "linux/stat.h", r"S_IF[A-Z]+|STATX_[A-Z_]+"),
    ("reboot", "linux/reboot.h", r"LINUX_REBOOT_\w+"),
    ("Clocks", "linux/time.h", r"CLOCK_[A-Z_]+"),
    ("Limits", "linux/limits.h", r"PATH_MAX"),
]

# (what, header, struct, prefix, fields): PREFIX_FIELD is the byte offset
# of each (field, bytes), SIZEOF_PREFIX the structure's size (not
# PREFIX_SIZE: <linux/stat.h> has a STATX_SIZE).  The host
# reads a field as a word of that many bytes: a field of another size is
# an error here (None: an array, whose offset alone is used).  struct
# dirent is the C library's (the sysroot's), which is the record of
# getdents64 (the kernel's linux_dirent64 is not in its UAPI).
LAYOUTS = [
    ("struct sysinfo (the room --load leaves)", "linux/sysinfo.h", "sysinfo", "SYSINFO",
     [("totalram", 4), ("freeram", 4), ("mem_unit", 4)]),
    ("struct statx (--copy-out)", "linux/stat.h", "statx", "STATX", [("stx_mode", 2)]),
    ("struct dirent, getdents64's record (--copy-out)", "dirent.h", "dirent", "DIRENT",
     [("d_reclen", 2), ("d_name", None)]),
]

MARK = "@abi"


def compile_c(cc, source, extra):
    run = subprocess.run(cc + ["-x", "c", *extra, "-"], input=source, text=True,
                         capture_output=True)
    if run.returncode:
        sys.exit(f"web-abi: {' '.join(cc)} failed:\n{run.stderr}")
    return run.stdout


def preprocess(cc, source, extra):
    return compile_c(cc, source, ["-E", *extra])


def layout(cc, header, struct, prefix, fields):
    """(name, value) of each field's offset and of the structure's size."""
    t = f"struct {struct}"
    src = f"#include <{header}>\n"
    src += f"const unsigned int SIZEOF_{prefix} = sizeof({t});\n"
    for f, size in fields:
        src += f"const unsigned int {prefix}_{f.upper()} = __builtin_offsetof({t}, {f});\n"
        if size:
            src += (f"_Static_assert(sizeof((({t} *)0)->{f}) == {size}, "
                    f"\"{f} is not {size} bytes\");\n")
    ir = compile_c(cc, src, ["-S", "-emit-llvm", "-o", "-"])
    got = dict(re.findall(r"^@(\w+) = .*constant i32 (\d+)", ir, re.M))
    names = [f"SIZEOF_{prefix}"] + [f"{prefix}_{f.upper()}" for f, _ in fields]
    if any(n not in got for n in names):
        sys.exit(f"web-abi: no layout of {t} in the compiler's output")
    return [(n, int(got[n])) for n in names]


def defined(cc, header):
    """The object-like macros defined once the header is included."""
    out = preprocess(cc, f"#include <{header}>\n", ["-dM"])
    return [m.group(1) for m in re.finditer(r"^#define (\w+) ", out, re.M)]


# A C integer literal: digits, then suffixes (U, L) that change no value
# here.  Python's integers have no width, so ~ is refused: ~ of an unsigned
# constant would come out negative.
INT = re.compile(r"(0[xX][0-9a-fA-F]+|[0-9]+)[uUlL]*$")
TOKEN = re.compile(r'\s*("(?:[^"\\]|\\.)*"|\w+|<<|>>|\S)')
NODES = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Add, ast.Sub,
         ast.Mult, ast.LShift, ast.RShift, ast.BitOr, ast.BitAnd, ast.BitXor,
         ast.USub, ast.UAdd)


def value(expansion):
    """The value of a macro's expansion, or None if it is not a constant."""
    py = []
    for tok in TOKEN.findall(expansion):
        m = INT.match(tok)
        if m:
            digits = m.group(1)
            base = 16 if digits[:2] in ("0x", "0X") else 8 if digits[0] == "0" else 10
            py.append(str(int(digits, base)))
        elif tok[0] == '"' or tok in ("<<", ">>") or tok in "+-*|&^()":
            py.append(tok)
        else:
            return None
    try:
        tree = ast.parse(" ".join(py), mode="eval")
    except SyntaxError:
        return None
    if not py or not all(isinstance(n, NODES) for n in ast.walk(tree)):
        return None
    v = eval(compile(tree, "macro", "eval"))
    return v if isinstance(v, (int, str)) else None


def main():
    out, cc = sys.argv[1], sys.argv[2:]
    chosen = []
    seen = set()
    for what, header, names in GROUPS:
        pick = [n for n in defined(cc, header) if re.fullmatch(names, n) and n not in seen]
        seen.update(pick)
        chosen.append((what, header, sorted(pick)))
    source = "".join(f"#include <{h}>\n" for _, h, _ in GROUPS)
    source += "".join(f'{MARK} "{n}" {n}\n' for _, _, names in chosen for n in names)
    expanded = preprocess(cc, source, ["-P"])
    values = {}
    for line in expanded.splitlines():
        if line.startswith(MARK):
            name, rest = re.match(r'\S+ "(\w+)"(.*)', line).groups()
            values[name] = value(rest)

    lines = ["// Generated by tools/web-abi.py from the kernel's headers; do not edit.", ""]
    for what, header, names in chosen:
        known = [(n, values[n]) for n in names if values[n] is not None]
        if not known:
            sys.exit(f"web-abi: no constants from <{header}>")
        lines.append(f"// {what} (<{header}>)")
        if header == "asm/unistd.h":
            lines.append("export const NR = Object.freeze({")
            lines += [f"  {n[len('__NR_'):]}: {v}," for n, v in sorted(known, key=lambda x: x[1])]
            lines.append("});")
        else:
            lines += [f"export const {n} = {v!r};" if isinstance(v, int)
                      else f"export const {n} = {ast.unparse(ast.Constant(v))};" for n, v in known]
        lines.append("")
    for what, header, struct, prefix, fields in LAYOUTS:
        lines.append(f"// {what} (<{header}>)")
        lines += [f"export const {n} = {v};" for n, v in layout(cc, header, struct, prefix, fields)]
        lines.append("")
    tmp = out + ".new"
    with open(tmp, "w") as f:
        f.write("\n".join(lines))
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
