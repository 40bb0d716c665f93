// Zeros in shared memories.  Which 4 KiB pages of a process's memory
// hold anything but zeros, found with wasm's 128-bit loads: for the look
// at the NULL guard (user.mjs), and for a fork, whose copy of the memory
// writes only those pages.  A new memory is zeros, and writing all of it
// is mostly the cost of faulting its pages in: under Node.js a BusyBox's
// 1.7 MiB took 0.5 ms to copy, and 390 of its 432 pages were zeros.  And
// clearing bytes: in a process's memory with wasm's memory.fill, in
// others (the kernel's, rarely) with a copy of zeros, as fill() does it
// one byte at a time in a shared memory (2 GB/s under Node.js 20, where a
// copy of zeros runs at 14-22).
import { moduleBytes, nameBytes as name, section, sleb, uleb, vec } from './wasmbin.mjs';

export const PAGE_BYTES = 4096;

// (module (import "env" "memory" (memory 0 65536 shared))
//   (func (export "scan") (param $at i32) (param $end i32) (param $dirty i32)
//     (result i32)
//     the first page from $at on, below $end, that has a nonzero byte
//     ($dirty 1) or has none ($dirty 0); $end if there is none.  $at and
//     $end are multiples of PAGE_BYTES.)
//   (func (export "clear") (param $at i32) (param $len i32)
//     memory.fill with zeros: under Node.js 20 a copy of zeros into a
//     shared memory takes 242 ns for 4 KiB, 4.8 us for 64 KiB; this, 32 ns
//     and 1.3 us.)
function opsBytes() {
  const I32 = 0x7f, V128 = 0x7b, EMPTY = 0x40;
  const get = (i) => [0x20, i], set = (i) => [0x21, i];
  const constant = (n) => [0x41, ...sleb(n)];              // i32.const
  const load = (offset) => [0xfd, 0x00, 4, offset];       // v128.load align=16
  const OR = [0xfd, 0x50], ANY_TRUE = [0xfd, 0x53];
  const [AT, END, DIRTY, P, NEXT, ACC] = [0, 1, 2, 3, 4, 5];
  const code = [
    2, 2, I32, 1, V128,                                   // locals p, next; acc
    0x02, EMPTY, 0x03, EMPTY,                             // block $done, loop $pages
    ...get(AT), ...get(END), 0x4f, 0x0d, 1,               // at >= end: done
    0xfd, 0x0c, ...new Array(16).fill(0), ...set(ACC),    // acc = 0
    ...get(AT), ...set(P),
    ...get(AT), ...constant(PAGE_BYTES), 0x6a, ...set(NEXT),
    0x03, EMPTY,                                          // loop $bytes: acc |= 64 bytes
    ...get(ACC),
    ...get(P), ...load(0), ...get(P), ...load(16), ...OR,
    ...get(P), ...load(32), ...get(P), ...load(48), ...OR, ...OR, ...OR,
    ...set(ACC),
    ...get(P), ...constant(64), 0x6a, ...set(P),
    ...get(P), ...get(NEXT), 0x49, 0x0d, 0, 0x0b,         // while p < next
    ...get(ACC), ...ANY_TRUE, ...get(DIRTY), 0x46, 0x0d, 1,   // found: done
    ...get(NEXT), ...set(AT), 0x0c, 0, 0x0b, 0x0b,
    ...get(AT), 0x0b,
  ];
  const clear = [0, ...get(0), ...constant(0), ...get(1), 0xfc, 11, 0, 0x0b];
  return moduleBytes(
    section(1, [2, 0x60, ...vec([I32, I32, I32]), ...vec([I32]), 0x60, ...vec([I32, I32]), ...vec([])]),
    section(2, [1, ...name('env'), ...name('memory'), 2, 3, 0, ...uleb(65536)]),
    section(3, [2, 0, 1]),
    section(7, [2, ...name('scan'), 0, 0, ...name('clear'), 0, 1]),
    section(10, [2, ...vec(code), ...vec(clear)]),
  );
}

let compiled = null;

// { scan(at, end, dirty), clear(at, len) } over memory (a shared
// WebAssembly.Memory).
export function memoryOps(memory) {
  compiled ||= new WebAssembly.Module(opsBytes());
  return new WebAssembly.Instance(compiled, { env: { memory } }).exports;
}

// Copies the pages of [0, size) of memory from that are not zeros into
// to, which is zeros; scan is from's (memoryOps).
export function copyDirtyPages(scan, from, to, size) {
  const src = new Uint8Array(from.buffer, 0, size), dst = new Uint8Array(to.buffer);
  for (let at = scan(0, size, 1), end; at < size; at = scan(end, size, 1)) {
    end = scan(at, size, 0);
    dst.set(src.subarray(at, end), at);
  }
}

const ZEROS = new Uint8Array(65536);

// Sets the bytes of u8 (a view of a shared memory) to zero.
export function clearBytes(u8) {
  for (let at = 0; at < u8.length; at += ZEROS.length)
    u8.set(at + ZEROS.length <= u8.length ? ZEROS : ZEROS.subarray(0, u8.length - at), at);
}
