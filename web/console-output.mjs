// Console output for the page: a ring (ring.mjs) written only by code
// that holds the kernel's CPU lock, so in order, and read by the page.
// Messages from several workers would arrive in no particular order.
import { newRing, READ, ringData, WRITTEN } from './ring.mjs';

export const newOutput = () => newRing(65536);

export function outputWrite(output, bytes) {
  const data = ringData(output);
  let head = Atomics.load(output, WRITTEN);
  for (const b of bytes) {
    while (head - Atomics.load(output, READ) >= data.length)   // full: wait for the page
      Atomics.wait(output, READ, Atomics.load(output, READ), 100);
    data[head++ % data.length] = b;
  }
  Atomics.store(output, WRITTEN, head);
  Atomics.notify(output, WRITTEN);
}

// The page's side: calls show(bytes) with the output, in order, forever.
export async function outputRead(output, show) {
  const data = ringData(output);
  let tail = 0;
  for (;;) {
    const head = Atomics.load(output, WRITTEN);
    if (head === tail) {
      await Atomics.waitAsync(output, WRITTEN, head).value;
      continue;
    }
    const chunk = new Uint8Array(head - tail);
    for (let i = 0; tail !== head; i++) chunk[i] = data[tail++ % data.length];
    Atomics.store(output, READ, tail);
    Atomics.notify(output, READ);
    show(chunk);
  }
}

// Whether some output has not been shown yet.
export function outputPending(output) {
  return Atomics.load(output, WRITTEN) !== Atomics.load(output, READ);
}
