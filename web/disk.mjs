// The disks of the web host: the queues behind the kernel's disk_* host
// operations (host_ops.h), as runtime/disk.c has them natively.  Each
// disk has a SharedArrayBuffer with a ring of operations the kernel
// submitted and a ring of (tag, status) pairs done; a worker of its own
// (diskThread) carries the operations out on a file the platform gives
// (Node.js: a host file), in order, straight into the kernel's shared
// memory, and raises WASM_IRQ_DISK.
import abi from './kernel-abi.mjs';

// cells
const SUB_W = 0, SUB_R = 1, DONE_W = 2, DONE_R = 3, SIZE_LO = 4, SIZE_HI = 5, FLAGS = 6;
const HEADER = 16;
const SLOTS = 128;            // more than the kernel's queue depth (64)
const OP_CELLS = 6;           // op, tag, sector lo, sector hi, segs, nseg
const DONE_BASE = HEADER + SLOTS * OP_CELLS;
const SECTOR = 512;

// desc: { size (bytes, a multiple of 512), readonly } and what the
// platform needs to open the file (e.g. { fd }); returns the disk.
export function newDisk(desc) {
  const q = new Int32Array(new SharedArrayBuffer(4 * (DONE_BASE + 2 * SLOTS)));
  const size = BigInt(desc.size);
  Atomics.store(q, SIZE_LO, Number(size & 0xffffffffn) | 0);
  Atomics.store(q, SIZE_HI, Number(size >> 32n) | 0);
  Atomics.store(q, FLAGS, desc.readonly ? abi.WASM_DISK_READONLY : 0);
  return { ...desc, q };
}

const sizeOf = (q) => (BigInt(Atomics.load(q, SIZE_HI) >>> 0) << 32n) | BigInt(Atomics.load(q, SIZE_LO) >>> 0);

// The kernel's side: the host operations.
export function diskOps(disks, memory) {
  const get = (i) => (disks && i < disks.length ? disks[i].q : null);
  return {
    disk_probe(i, flags) {
      const q = get(i);
      if (!q) return 0n;
      new DataView(memory.buffer).setUint32(flags, Atomics.load(q, FLAGS), true);
      return sizeOf(q);
    },
    disk_submit(i, op, sector, segs, nseg, tag) {
      const q = get(i);
      if (!q) return 1;
      const w = Atomics.load(q, SUB_W);
      if (w - Atomics.load(q, SUB_R) >= SLOTS) return 1;
      const at = HEADER + (w % SLOTS) * OP_CELLS;
      q.set([op, tag, Number(sector & 0xffffffffn) | 0, Number(sector >> 32n) | 0, segs, nseg], at);
      Atomics.store(q, SUB_W, w + 1);
      Atomics.notify(q, SUB_W);
      return 0;
    },
    disk_done(i, done, max) {
      const q = get(i);
      if (!q) return 0;
      const view = new DataView(memory.buffer);
      let r = Atomics.load(q, DONE_R), n = 0;
      const w = Atomics.load(q, DONE_W);
      for (; r !== w && n < max; r++, n++) {
        const at = DONE_BASE + 2 * (r % SLOTS);
        view.setUint32(done + 8 * n, q[at], true);
        view.setUint32(done + 8 * n + 4, q[at + 1], true);
      }
      Atomics.store(q, DONE_R, r);
      return n;
    },
  };
}

// One operation on file ({ read(bytes, pos), write(bytes, pos), flush() },
// each returning how many bytes, throwing on error): its status.
function run(file, disk, memory, op, sector, segs, nseg) {
  if (op === abi.WASM_DISK_FLUSH) { file.flush(); return abi.WASM_DISK_OK; }
  if (op === abi.WASM_DISK_DISCARD) return abi.WASM_DISK_OK;   // advice
  if (op !== abi.WASM_DISK_READ && op !== abi.WASM_DISK_WRITE) return abi.WASM_DISK_ENOTSUP;
  if (op === abi.WASM_DISK_WRITE && disk.readonly) return abi.WASM_DISK_EIO;
  const view = new DataView(memory.buffer);
  let pos = sector * SECTOR;
  for (let i = 0; i < nseg; i++) {
    const addr = view.getUint32(segs + 8 * i, true), len = view.getUint32(segs + 8 * i + 4, true);
    if (pos + len > disk.size) return abi.WASM_DISK_EIO;
    const bytes = new Uint8Array(memory.buffer, addr, len);
    // a file that shrank reads short: EIO too
    const n = op === abi.WASM_DISK_READ ? file.read(bytes, pos) : file.write(bytes, pos);
    if (n !== len) return abi.WASM_DISK_EIO;
    pos += len;
  }
  return abi.WASM_DISK_OK;
}

// The disk's worker: forever, the operations in order, then the IRQ.
export function diskThread(disk, file, memory, raiseIrq) {
  const { q } = disk;
  for (let seen = 0; ;) {
    Atomics.wait(q, SUB_W, seen);
    seen = Atomics.load(q, SUB_W);
    let r = Atomics.load(q, SUB_R);
    for (; r !== seen; r++) {
      const at = HEADER + (r % SLOTS) * OP_CELLS;
      const [op, tag, lo, hi, segs, nseg] = q.subarray(at, at + OP_CELLS);
      let status;
      try {
        status = run(file, disk, memory, op, (hi >>> 0) * 2 ** 32 + (lo >>> 0), segs >>> 0, nseg);
      } catch {
        status = abi.WASM_DISK_EIO;
      }
      const w = Atomics.load(q, DONE_W), d = DONE_BASE + 2 * (w % SLOTS);
      q[d] = tag;
      q[d + 1] = status;
      Atomics.store(q, DONE_W, w + 1);
      Atomics.store(q, SUB_R, r + 1);
    }
    raiseIrq();
  }
}
