// The kernel's host operations for the web (browsers and Node.js): one
// instance of the kernel per Web Worker over one shared memory.  The
// interface is kernel/arch/wasm/include/uapi/asm/host_ops.h; this file is
// its web implementation, as runtime/*.c is the native one.
//
// Shared state lives in a SharedArrayBuffer, "ctl", as Int32 cells:
//   [0] exit flag, [1] exit status, [2] last handle, [3] memory break,
//   [4] last thread-local key, [5] allocator lock, [6] output pumps that
//   have finished, [7] output pumps started (tasks.mjs), [8] the console's
//   size (rows << 16 | columns, 0 if unknown), [16..31] key destructors,
//   [OBJ + 4 * handle ...] one 4-cell record per handle (semaphore count,
//   mutex state, thread done flag, timer sequence and 64-bit deadline),
//   [FREE ...] freed memory blocks (address, size) pairs,
//   [STACKS ...] shadow stacks of ended threads, ready for reuse.

export const OBJ = 64;
export const MAX_HANDLES = 65536;
export const FREE = OBJ + 4 * MAX_HANDLES;
export const MAX_FREE = 4096;
export const STACKS = FREE + 2 * MAX_FREE;
export const MAX_STACKS = 1024;
export const CTL_INTS = STACKS + MAX_STACKS;
export const STACK_SIZE = 128 * 1024;
export const PUMPS_DONE = 6;
export const PUMPS = 7;
export const CONSOLE_SIZE = 8;
const PAGE = 65536;

import abi from './kernel-abi.mjs';
import { createUser } from './user.mjs';

class ThreadExit extends Error {}
class LongJmp extends Error {
  constructor(token) { super('longjmp'); this.token = token; }
}

// Console input: a single-producer, single-consumer ring in its own
// SharedArrayBuffer: [0] bytes written, [1] bytes read, data from byte 16.
// The page (or Node's stdin) writes; console_read, under the CPU lock, reads.
const RING = 4096;

export function newInput() {
  return new Int32Array(new SharedArrayBuffer(16 + RING));
}

// Returns how many bytes it took: when the ring is full, the rest is left.
export function inputWrite(input, bytes) {
  const data = new Uint8Array(input.buffer, 16, RING);
  let head = Atomics.load(input, 0), n = 0;
  for (const b of bytes) {
    if (head - Atomics.load(input, 1) >= RING) break;   // full
    data[head % RING] = b;
    head++;
    n++;
  }
  Atomics.store(input, 0, head);
  Atomics.notify(input, 0);
  return n;
}

// A writer for the host's side (the page's keystrokes and pastes, Node's
// standard input) that keeps what does not fit in the ring yet and
// retries until the kernel has read enough: nothing is dropped.
export function inputWriter(input) {
  const queue = [];
  let timer = null;
  const flush = () => {
    timer = null;
    while (queue.length) {
      const n = inputWrite(input, queue[0]);
      if (n < queue[0].length) { queue[0] = queue[0].subarray(n); break; }
      queue.shift();
    }
    if (queue.length) timer = setTimeout(flush, 5);
  };
  return (bytes) => {
    queue.push(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : Uint8Array.from(bytes));
    if (!timer) flush();
  };
}

// Console output for the page: one ring, written only by code that holds
// the kernel's CPU lock (so in order), read by the page.  Messages from
// several workers would arrive in no particular order.
export function newOutput() {
  return new Int32Array(new SharedArrayBuffer(16 + 65536));
}

export function outputWrite(output, bytes) {
  const data = new Uint8Array(output.buffer, 16, 65536);
  let head = Atomics.load(output, 0);
  for (const b of bytes) {
    while (head - Atomics.load(output, 1) >= 65536)   // full: wait for the page
      Atomics.wait(output, 1, Atomics.load(output, 1), 100);
    data[head++ % 65536] = b;
  }
  Atomics.store(output, 0, head);
  Atomics.notify(output, 0);
}

// The page's side: calls show(bytes) with the output, in order, forever.
export async function outputRead(output, show) {
  const data = new Uint8Array(output.buffer, 16, 65536);
  let tail = 0;
  for (;;) {
    const head = Atomics.load(output, 0);
    if (head === tail) {
      await Atomics.waitAsync(output, 0, head).value;
      continue;
    }
    const chunk = new Uint8Array(head - tail);
    for (let i = 0; tail !== head; i++) chunk[i] = data[tail++ % 65536];
    Atomics.store(output, 1, tail);
    Atomics.notify(output, 1);
    show(chunk);
  }
}

export function newControl() {
  return new Int32Array(new SharedArrayBuffer(CTL_INTS * 4));
}

// The allocator's lock: workers that allocate wait on it; the page only
// allocates before it starts any worker.
function locked(ctl, run) {
  while (Atomics.compareExchange(ctl, 5, 0, 1) !== 0) Atomics.wait(ctl, 5, 1);
  try { return run(); } finally { Atomics.store(ctl, 5, 0); Atomics.notify(ctl, 5, 1); }
}

// Memory blocks for the kernel, thread stacks and host buffers.
export function memAlloc(ctl, memory, size) {
  return locked(ctl, () => memAllocLocked(ctl, memory, size));
}

function memAllocLocked(ctl, memory, size) {
  size = Math.ceil(size / PAGE) * PAGE;
  for (let i = 0; i < MAX_FREE; i++) {
    const a = FREE + 2 * i;
    if (ctl[a + 1] >= size) {
      const addr = ctl[a] >>> 0;
      ctl[a] += size;
      ctl[a + 1] -= size;
      new Uint8Array(memory.buffer, addr, size).fill(0);
      return addr;
    }
  }
  const addr = ctl[3] >>> 0;
  const need = addr + size - memory.buffer.byteLength;
  if (need > 0) {
    try { memory.grow(Math.ceil(need / PAGE)); } catch { return 0; }
  }
  ctl[3] = addr + size;
  return addr;
}

export function memFree(ctl, addr, size) {
  locked(ctl, () => {
    for (let i = 0; i < MAX_FREE; i++) {
      const a = FREE + 2 * i;
      if (ctl[a + 1] === 0) { ctl[a] = addr; ctl[a + 1] = size; return; }
    }
  });
}

// Shadow stacks: reused through a lock-free pool (threads end without
// the CPU lock), else allocated.
export function stackGet(ctl, memory) {
  for (let i = STACKS; i < STACKS + MAX_STACKS; i++) {
    const s = Atomics.load(ctl, i);
    if (s && Atomics.compareExchange(ctl, i, s, 0) === s) return s >>> 0;
  }
  return memAlloc(ctl, memory, STACK_SIZE);
}

export function stackPut(ctl, stack) {
  for (let i = STACKS; i < STACKS + MAX_STACKS; i++)
    if (Atomics.compareExchange(ctl, i, 0, stack) === 0) return;
}

// env: { memory, ctl, handle, spawnWorker(data), write(fd, bytes),
//        cmdline, now() -> BigInt ns, exit(status) }
export function createHost(env) {
  const { memory, ctl } = env;
  const tls = new Map();
  const blocks = new Map();   // our mem_alloc'd blocks: address -> size
  let instance = null;
  let jmpToken = 1;

  const u8 = (addr, len) => new Uint8Array(memory.buffer, addr, len);
  const text = (addr) => {
    const m = new Uint8Array(memory.buffer);
    let end = addr;
    while (m[end]) end++;
    return new TextDecoder().decode(m.slice(addr, end));
  };
  const cell = (h, i = 0) => {
    if (!h || h >= MAX_HANDLES) throw new Error(`kernel used a bad host handle ${h}`);
    return OBJ + 4 * h + i;
  };
  const newHandle = () => {
    const h = Atomics.add(ctl, 2, 1) + 1;
    if (h >= MAX_HANDLES) throw new Error('out of host handles');
    for (let i = 0; i < 4; i++) Atomics.store(ctl, OBJ + 4 * h + i, 0);
    return h;
  };
  const stop = (status, message) => {
    if (message) env.write(2, new TextEncoder().encode(`wasmlinux: ${message}\n`));
    Atomics.store(ctl, 1, status);
    Atomics.store(ctl, 0, 1);
    Atomics.notify(ctl, 0);
    for (;;) Atomics.wait(ctl, 0, 1);    // the kernel stops here for good
  };
  const fn = (index) => instance.exports.__indirect_function_table.get(index);
  const user = createUser({
    memory, ctl, newHandle, stop, inherited: env.user,
    freedCell: (h) => cell(h),
    kernel: () => instance,
  });

  const ops = {
    print(addr, len) { env.write(1, u8(addr, len).slice()); },
    panic(msg) { stop(2, `kernel panic: ${text(msg)}`); },
    power_off(code) {
      if (code & abi.WASM_POWER_INIT_EXIT) {   // init's status is the run's
        // what init wrote to the host's pipes reaches it first (2 s at most)
        const deadline = Date.now() + 2000;
        for (let done; (done = Atomics.load(ctl, PUMPS_DONE)) < Atomics.load(ctl, PUMPS) &&
             Date.now() < deadline;)
          Atomics.wait(ctl, PUMPS_DONE, done, deadline - Date.now());
        stop(code & 0xff, '');   // the low byte (host_ops.h)
      }
      stop(0, code === abi.WASM_POWER_RESTART ? 'restart requested; stopping instead' : '');
    },
    random(addr, len) {
      // getRandomValues takes no shared memory: fill a copy
      const b = new Uint8Array(len);
      crypto.getRandomValues(b);
      u8(addr, len).set(b);
    },
    cmdline(addr, size) {
      const b = new TextEncoder().encode(env.cmdline);
      if (b.length >= size) stop(1, `kernel command line longer than ${size - 1} bytes`);
      u8(addr, b.length + 1).set([...b, 0]);
      return b.length;
    },
    console_read(addr, size) {
      const input = env.input;
      if (!input) return 0;
      const data = new Uint8Array(input.buffer, 16, RING);
      const m = new Uint8Array(memory.buffer);
      let tail = Atomics.load(input, 1);
      const head = Atomics.load(input, 0);
      let n = 0;
      while (tail !== head && n < size) m[addr + n++] = data[tail++ % RING];
      Atomics.store(input, 1, tail);
      return n;
    },
    mem_alloc(size) {
      const addr = memAlloc(ctl, memory, size);
      if (addr) blocks.set(addr, Math.ceil(size / PAGE) * PAGE);
      return addr;
    },
    mem_free(addr) { memFree(ctl, addr, blocks.get(addr) || 0); blocks.delete(addr); },
    time_mono() { return env.now(); },
    time_wall() { return BigInt(Date.now()) * 1000000n; },
    mutex_alloc() { return newHandle(); },
    mutex_free() {},
    mutex_lock(h) {
      const c = cell(h);
      while (Atomics.compareExchange(ctl, c, 0, 1) !== 0) Atomics.wait(ctl, c, 1);
    },
    mutex_unlock(h) { const c = cell(h); Atomics.store(ctl, c, 0); Atomics.notify(ctl, c, 1); },
    sem_alloc(count) { const h = newHandle(); Atomics.store(ctl, cell(h), count); return h; },
    sem_free() {},
    sem_up(h) { const c = cell(h); Atomics.add(ctl, c, 1); Atomics.notify(ctl, c, 1); },
    sem_down(h) {
      const c = cell(h);
      for (;;) {
        const v = Atomics.load(ctl, c);
        if (v > 0) { if (Atomics.compareExchange(ctl, c, v, v - 1) === v) return; continue; }
        Atomics.wait(ctl, c, v);
      }
    },
    thread_create(f, arg) {
      const h = newHandle();
      const stack = stackGet(ctl, memory);
      if (!stack) return 0;
      env.spawnWorker({
        role: 'thread', handle: h, fn: f, arg, stack, spawn: env.takeSpawn(), user: user.handOver(),
      });
      return h;
    },
    thread_exit() { throw new ThreadExit(); },
    thread_join(h) { const c = cell(h); while (Atomics.load(ctl, c) === 0) Atomics.wait(ctl, c, 0); return 0; },
    thread_self() { return env.handle; },
    tls_alloc(destructor) {
      const k = Atomics.add(ctl, 4, 1) + 1;
      if (k >= 16) return 0;
      Atomics.store(ctl, 16 + k, destructor);
      return k;
    },
    tls_free() {},
    tls_set(k, v) { tls.set(k, v); },
    tls_get(k) { return tls.get(k) || 0; },
    timer_alloc(f, arg) {
      const h = newHandle();
      const stack = stackGet(ctl, memory);
      if (!stack) return 0;
      env.spawnWorker({ role: 'timer', handle: h, fn: f, arg, stack });
      return h;
    },
    timer_set_oneshot(h, ns) {
      const deadline = new BigInt64Array(ctl.buffer, cell(h, 2) * 4, 1);
      Atomics.store(deadline, 0, ns ? env.now() + ns : 0n);
      Atomics.add(ctl, cell(h, 1), 1);
      Atomics.notify(ctl, cell(h, 1));
    },
    timer_free() {},
    jmp_buf_set(jb, f) {
      const token = jmpToken++;
      const sp = instance.exports.__stack_pointer.value;
      new Uint32Array(memory.buffer, jb, 1)[0] = token;
      try {
        fn(f)();
      } catch (e) {
        if (!(e instanceof LongJmp && e.token === token)) throw e;
      }
      instance.exports.__stack_pointer.value = sp;   // skipped epilogues
    },
    jmp_buf_longjmp(jb) { throw new LongJmp(new Uint32Array(memory.buffer, jb, 1)[0]); },
    console_size() { return Atomics.load(ctl, CONSOLE_SIZE); },
    ...user.ops,
  };

  return {
    imports: { env: { memory }, host: ops },
    attach(inst, stack) {
      instance = inst;
      inst.exports.__stack_pointer.value = stack + STACK_SIZE;
    },
    // Runs code that may end the thread (thread_exit): false if it did.
    untilExit(run) {
      try { run(); return true; } catch (e) {
        if (e instanceof ThreadExit) return false;
        throw e;
      }
    },
    call: (f, arg) => fn(f)(arg),
    // The console input thread: raises the console interrupt when input comes.
    runInput() {
      let seen = 0;
      for (;;) {
        Atomics.wait(env.input, 0, seen);
        seen = Atomics.load(env.input, 0);
        instance.exports.wasm_irq(abi.WASM_IRQ_CONSOLE);
      }
    },
    runTimer(h, f, arg) {
      const seq = cell(h, 1);
      const deadline = new BigInt64Array(ctl.buffer, cell(h, 2) * 4, 1);
      for (;;) {
        const s = Atomics.load(ctl, seq);
        const d = Atomics.load(deadline, 0);
        if (!d) { Atomics.wait(ctl, seq, s); continue; }
        const ms = Number(d - env.now()) / 1e6;
        if (ms > 0 && Atomics.wait(ctl, seq, s, ms) !== 'timed-out') continue;
        if (Atomics.compareExchange(deadline, 0, d, 0n) === d) fn(f)(arg);
      }
    },
    threadDone(h) { Atomics.store(ctl, cell(h), 1); Atomics.notify(ctl, cell(h)); },
    stop,
    text,
  };
}
