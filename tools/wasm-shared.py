#!/usr/bin/env python3
"""Make the web variant of kernel.wasm: same code, shared memory.

The web host runs one instance of the kernel per Web Worker over one
SharedArrayBuffer.  That needs the memory import declared shared, and no
active data segments: every instantiation would write them again over the
live kernel.  This rewrites the memory import's limits to shared and moves
the data segments into a separate file (u32 address, u32 length, bytes,
repeated, little endian) that the host copies into memory once, at boot.
For the same reason it drops the start function that wasm-ld adds when
bulk memory is used (__wasm_init_memory: a memory.fill that zeroes .bss,
which a new memory already is), after checking that it does only that.

usage: wasm-shared.py kernel.wasm kernel-shared.wasm kernel-data.bin
"""
import struct
import sys

from wasmbin import data_segments, imports, leb, limits, name, sections, uleb


def shared_imports(body):
    """The import section's body with the memory import marked shared."""
    _, pos = leb(body, 0)
    out = bytearray(body[:pos])
    for imp in imports(body):
        if imp.kind != 2:
            out += body[imp.start:imp.end]
            continue
        flags, *_ = limits(body, imp.desc)
        if not flags & 1:
            sys.exit("wasm-shared: the memory import needs a maximum")
        out += body[imp.start:imp.desc] + bytes([flags | 2]) + body[imp.desc + 1:imp.end]
    return bytes(out)


def moved_data(body):
    """The data section's segments as kernel-data.bin holds them."""
    out = bytearray()
    for flags, addr, data in data_segments(body):
        if flags != 0 or addr is None:      # active, memory 0, i32.const
            sys.exit("wasm-shared: unexpected data segment form")
        out += struct.pack("<II", addr, len(data)) + data
    return bytes(out)


def function_body(b, index):
    """The code of function @index (imports counted) of module @b."""
    nimports = 0
    for sid, start, end in sections(b):
        if sid == 2:
            nimports = sum(1 for imp in imports(b[start:end]) if imp.kind == 0)
        elif sid == 10:
            body = b[start:end]
            count, i = leb(body, 0)
            for k in range(count):
                size, j = leb(body, i)
                if k == index - nimports:
                    return body[j:j + size]
                i = j + size
    sys.exit("wasm-shared: the start function is not in the code section")


def check_start(b, body):
    """The start function must only zero memory: i32.const, i32.const 0,
    i32.const, memory.fill, with no locals."""
    index, _ = leb(body, 0)
    code = function_body(b, index)
    i = 1 if code[:1] == b"\0" else None   # no local declarations
    ops = []
    while i is not None and i < len(code) and code[i] == 0x41:
        value, i = leb(code, i + 1, signed=True)
        ops.append(value)
    if i is None or len(ops) != 3 or ops[1] != 0 or code[i:] != b"\xfc\x0b\x00\x0b":
        sys.exit("wasm-shared: the start function does more than zero memory")


def without_data_names(body):
    """The name section, less its data segment names (there are none now)."""
    _, i = name(body, 0)
    out = bytearray(body[:i])
    while i < len(body):
        sub = body[i]
        size, j = leb(body, i + 1)
        if sub != 9:
            out += body[i:j + size]
        i = j + size
    return bytes(out)


def main():
    src, out_wasm, out_data = sys.argv[1:4]
    b = open(src, "rb").read()
    out = bytearray(b[:8])
    data = b""
    for sid, start, end in sections(b):
        body = b[start:end]
        if sid == 2:
            body = shared_imports(body)
        elif sid == 11:
            data = moved_data(body)
            continue
        elif sid == 12:
            continue
        elif sid == 8:
            check_start(b, body)
            continue
        elif sid == 0 and name(body, 0)[0] == "name":
            body = without_data_names(body)
        out += bytes([sid]) + uleb(len(body)) + body
    open(out_wasm, "wb").write(out)
    open(out_data, "wb").write(data)


if __name__ == "__main__":
    main()
