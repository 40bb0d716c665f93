"""Reading the wasm binary format: what the build tools share."""


def leb(data, pos, signed=False):
    """The LEB128 number at data[pos]: (value, position after it)."""
    result = shift = 0
    while True:
        b = data[pos]
        pos += 1
        result |= (b & 0x7f) << shift
        shift += 7
        if not b & 0x80:
            break
    if signed and b & 0x40:
        result -= 1 << shift
    return result, pos


def uleb(n):
    """n as unsigned LEB128 bytes."""
    out = bytearray()
    while True:
        x = n & 0x7f
        n >>= 7
        out.append(x | (0x80 if n else 0))
        if not n:
            return bytes(out)


def name(data, pos):
    """The length-prefixed UTF-8 name at data[pos]: (name, position after)."""
    n, pos = leb(data, pos)
    return data[pos:pos + n].decode(), pos + n


def limits(data, pos):
    """The limits at data[pos]: (flags, minimum, maximum or None, position after)."""
    flags = data[pos]
    lo, pos = leb(data, pos + 1)
    hi = None
    if flags & 1:
        hi, pos = leb(data, pos)
    return flags, lo, hi, pos


def sections(data):
    """The module's sections: (id, start of the body, end of the body)."""
    if data[:8] != b'\0asm\1\0\0\0':
        raise ValueError('not a wasm module')
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, body = leb(data, pos + 1)
        yield sid, body, body + size
        pos = body + size


class Import:
    """One import: module, field, kind (0 function, 1 table, 2 memory,
    3 global, 4 tag); start, desc and end are positions in the section body
    of the entry, of its description (after the kind) and after it."""

    def __init__(self, start, module, field, kind, desc, end):
        self.start, self.module, self.field = start, module, field
        self.kind, self.desc, self.end = kind, desc, end


def imports(body):
    """The entries of an import section's body."""
    count, pos = leb(body, 0)
    for _ in range(count):
        start = pos
        module, pos = name(body, pos)
        field, pos = name(body, pos)
        kind = body[pos]
        desc = pos + 1
        if kind == 0:                       # function: type index
            _, end = leb(body, desc)
        elif kind == 1:                     # table: reference type, limits
            *_, end = limits(body, desc + 1)
        elif kind == 2:                     # memory: limits
            *_, end = limits(body, desc)
        elif kind == 3:                     # global: value type, mutability
            end = desc + 2
        elif kind == 4:                     # tag: attribute, type index
            _, end = leb(body, desc + 1)
        else:
            raise ValueError(f'import of unknown kind {kind}')
        yield Import(start, module, field, kind, desc, end)
        pos = end


def exports(body):
    """The entries of an export section's body: (name, kind, index)."""
    count, pos = leb(body, 0)
    for _ in range(count):
        field, pos = name(body, pos)
        kind = body[pos]
        index, pos = leb(body, pos + 1)
        yield field, kind, index


def data_segments(body):
    """The entries of a data section's body: (flags, offset, bytes), where
    offset is an active segment's address if it is a constant (i32.const),
    else None (global.get, or a passive segment)."""
    count, pos = leb(body, 0)
    for _ in range(count):
        flags, pos = leb(body, pos)
        offset = None
        if flags == 2:                      # active, explicit memory index
            _, pos = leb(body, pos)
        if flags in (0, 2):                 # active: an offset expression
            op = body[pos]
            if op == 0x41:                  # i32.const
                offset, pos = leb(body, pos + 1, signed=True)
                offset &= 0xffffffff
            elif op == 0x23:                # global.get
                _, pos = leb(body, pos + 1)
            if op not in (0x41, 0x23) or body[pos] != 0x0b:
                raise ValueError('unsupported data segment offset')
            pos += 1
        size, pos = leb(body, pos)
        yield flags, offset, body[pos:pos + size]
        pos += size
