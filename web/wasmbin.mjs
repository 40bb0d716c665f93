// Reading the wasm binary format, for the web host's loader of user
// programs (user.mjs); tools/wasmbin.py is the build's.  Positions are
// indices into a Uint8Array; a reader of one item returns [value...,
// position after], a walk over a section's entries yields objects.  And
// writing it, for the small modules the host makes itself (sjlj.mjs's
// callers, pages.mjs's scan and clear), as arrays of bytes.

// Section ids and import kinds that the loader looks for.
export const IMPORT_SECTION = 2;
export const DATA_SECTION = 11;
export const FUNCTION_IMPORT = 0;
export const MEMORY_IMPORT = 2;

function leb(b, i) {
  let r = 0, s = 0, x;
  do {
    if (i >= b.length) throw new Error('truncated');
    x = b[i++];
    r += (x & 0x7f) * 2 ** s;
    s += 7;
  } while (x & 0x80);
  return [r, i];
}

function sleb32(b, i) {
  let r = 0, s = 0, x;
  do {
    if (i >= b.length) throw new Error('truncated');
    x = b[i++];
    r |= (x & 0x7f) << s;
    s += 7;
  } while (x & 0x80 && s < 35);
  if (s < 32 && (x & 0x40)) r |= -1 << s;
  return [r, i];
}

// n as unsigned LEB128 bytes.
export function uleb(n) {
  const out = [];
  do {
    let x = n % 128;
    n = Math.floor(n / 128);
    if (n) x |= 0x80;
    out.push(x);
  } while (n);
  return out;
}

// n as signed LEB128 bytes (i32.const takes them).
export function sleb(n) {
  for (const out = []; ; n >>= 7) {
    const b = n & 0x7f;
    if ((n >> 7 === 0 && !(b & 0x40)) || (n >> 7 === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
}

// A vector (count, then its items), a section, a name; a whole module.
export const vec = (xs) => [...uleb(xs.length), ...xs];
export const section = (id, body) => [id, ...uleb(body.length), ...body];
export const nameBytes = (s) => vec([...new TextEncoder().encode(s)]);
export const moduleBytes = (...parts) => new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...parts.flat()]);

function name(b, i) {
  const [n, j] = leb(b, i);
  return [new TextDecoder().decode(b.subarray(j, j + n)), j + n];
}

// [flags, minimum, maximum or null, position after]
export function limits(b, i) {
  const flags = b[i++];
  let lo, hi = null;
  [lo, i] = leb(b, i);
  if (flags & 1) [hi, i] = leb(b, i);
  return [flags, lo, hi, i];
}

// Whether b starts as a wasm module of version 1.
export function isModule(b) {
  return b.length >= 8 && b[0] === 0 && b[1] === 0x61 && b[2] === 0x73 && b[3] === 0x6d &&
    b[4] === 1 && !b[5] && !b[6] && !b[7];
}

// The module's sections: { id, start (of the section), body, end }.
export function* sections(b) {
  for (let pos = 8; pos < b.length;) {
    const [size, body] = leb(b, pos + 1);
    const end = body + size;
    if (end > b.length) throw new Error('truncated');
    yield { id: b[pos], start: pos, body, end };
    pos = end;
  }
}

// The entries of the import section whose body starts at body: { start,
// module, field, kind (0 function, 1 table, 2 memory, 3 global, 4 tag),
// desc (the position after the kind), end }.
export function* imports(b, body) {
  let [count, p] = leb(b, body);
  for (let k = 0; k < count; k++) {
    const start = p;
    let module, field, end;
    [module, p] = name(b, p);
    [field, p] = name(b, p);
    const kind = b[p], desc = p + 1;
    if (kind === 0) [, end] = leb(b, desc);
    else if (kind === 1) [, , , end] = limits(b, desc + 1);
    else if (kind === 2) [, , , end] = limits(b, desc);
    else if (kind === 3) end = desc + 2;
    else if (kind === 4) [, end] = leb(b, desc + 1);
    else throw new Error(`import of unknown kind ${kind}`);
    yield { start, module, field, kind, desc, end };
    p = end;
  }
}

// The entries of the data section whose body is [body, end): { flags,
// offset (an active segment's address if it is an i32.const, else null) }.
export function* dataSegments(b, body, end = b.length) {
  let [count, p] = leb(b, body);
  for (let k = 0; k < count; k++) {
    let flags, offset = null;
    [flags, p] = leb(b, p);
    if (flags === 2) [, p] = leb(b, p);
    if (flags === 0 || flags === 2) {
      if (b[p] === 0x41) {
        [offset, p] = sleb32(b, p + 1);
        offset >>>= 0;
      }
      while (p < end && b[p] !== 0x0b) p++;  // the rest of the expression
      if (p++ >= end) throw new Error('truncated');
    }
    let n;
    [n, p] = leb(b, p);
    yield { flags, offset };
    p += n;
  }
}
