// A kernel host thread as a browser Web Worker.  A worker blocked in
// Atomics.wait cannot start workers of its own (their scripts load through
// it), so the page starts them all: this worker asks over its port.
// Console output goes through the shared output ring, in order.
import { outputWrite } from './host.mjs';
import { runThread } from './thread.mjs';

self.onmessage = ({ data: { data, port } }) => runThread(data, {
  write: (fd, bytes) => outputWrite(data.output, bytes),
  now: () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6)),
  spawn: (d) => port.postMessage({ spawn: d }),
});
