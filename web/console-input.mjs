// Console input: a ring (ring.mjs) that the page's keystrokes and pastes,
// or Node's standard input, write and that console_read, under the
// kernel's CPU lock, reads; the console input thread raises the console
// interrupt when bytes arrive.
import { newRing, READ, ringData, WRITTEN } from './ring.mjs';

export const newInput = () => newRing(4096);

// Returns how many bytes it took: when the ring is full, the rest is left.
export function inputWrite(input, bytes) {
  const data = ringData(input);
  let head = Atomics.load(input, WRITTEN), n = 0;
  for (const b of bytes) {
    if (head - Atomics.load(input, READ) >= data.length) break;   // full
    data[head % data.length] = b;
    head++;
    n++;
  }
  Atomics.store(input, WRITTEN, head);
  Atomics.notify(input, WRITTEN);
  return n;
}

// A writer for the host's side that keeps what does not fit in the ring
// yet and retries until the kernel has read enough: nothing is dropped.
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

// The kernel's side: what has arrived, up to dest.length bytes, into
// dest; returns how many.
export function inputRead(input, dest) {
  const data = ringData(input);
  let tail = Atomics.load(input, READ);
  const head = Atomics.load(input, WRITTEN);
  let n = 0;
  while (tail !== head && n < dest.length) dest[n++] = data[tail++ % data.length];
  Atomics.store(input, READ, tail);
  return n;
}

// The console input thread: raise() after every arrival, forever.  A
// change of the console's size raises it too (boot.mjs), with no bytes.
export function inputThread(input, raise) {
  for (let seen = 0; ;) {
    Atomics.wait(input, WRITTEN, seen);
    seen = Atomics.load(input, WRITTEN);
    raise();
  }
}

// For a change of the console's size: wakes the input thread.
export function inputWake(input) {
  Atomics.notify(input, WRITTEN);
}
