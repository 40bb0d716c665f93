#!/usr/bin/env python3
"""Make the web variant of kernel.wasm: same code, shared memory.

The web host runs one instance of the kernel per Web Worker over one
SharedArrayBuffer.  That needs the memory import declared shared, and no
active data segments: every instantiation would write them again over the
live kernel.  This rewrites the memory import's limits to shared and moves
the data segments into a separate file (u32 address, u32 length, bytes,
repeated, little endian) that the host copies into memory once, at boot.

usage: wasm-shared.py kernel.wasm kernel-shared.wasm kernel-data.bin
"""
import struct
import sys

from wasmbin import leb, name, uleb


def shared_imports(body):
    count, i = leb(body, 0)
    out = bytearray(body[:i])
    for _ in range(count):
        start = i
        mod, i = name(body, i)
        field, i = name(body, i)
        kind = body[i]
        i += 1
        if kind == 0:                       # function: type index
            _, i = leb(body, i)
        elif kind == 1:                     # table: reftype, limits
            i += 1
            flags = body[i]
            i += 1
            _, i = leb(body, i)
            if flags & 1:
                _, i = leb(body, i)
        elif kind == 2:                     # memory: limits
            flags = body[i]
            if not flags & 1:
                sys.exit("wasm-shared: the memory import needs a maximum")
            out += body[start:i] + bytes([flags | 2])
            start = i + 1
        elif kind == 3:                     # global: type, mutability
            i += 2
        if kind == 2:
            i += 1
            _, i = leb(body, i)
            _, i = leb(body, i)
        out += body[start:i]
    return bytes(out)


def data_segments(body):
    count, i = leb(body, 0)
    out = bytearray()
    for _ in range(count):
        flags, i = leb(body, i)
        if flags != 0 or body[i] != 0x41:   # active, memory 0, i32.const
            sys.exit("wasm-shared: unexpected data segment form")
        i += 1
        addr, i = leb(body, i)              # a positive i32 address
        if body[i] != 0x0b:
            sys.exit("wasm-shared: unexpected data segment offset")
        i += 1
        size, i = leb(body, i)
        out += struct.pack("<II", addr, size) + body[i:i + size]
        i += size
    return bytes(out)


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
    i = 8
    while i < len(b):
        sid = b[i]
        size, j = leb(b, i + 1)
        body = b[j:j + size]
        i = j + size
        if sid == 2:
            body = shared_imports(body)
        elif sid == 11:
            data = data_segments(body)
            continue
        elif sid == 12:
            continue
        elif sid == 0 and name(body, 0)[0] == "name":
            body = without_data_names(body)
        out += bytes([sid]) + uleb(len(body)) + body
    open(out_wasm, "wb").write(out)
    open(out_data, "wb").write(data)


if __name__ == "__main__":
    main()
