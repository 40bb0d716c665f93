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
