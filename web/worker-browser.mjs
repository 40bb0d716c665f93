// A kernel host thread as a browser Web Worker.  A worker blocked in
// Atomics.wait cannot start workers of its own (their scripts load through
// it), so the page starts them all: this worker asks over its port.
// Console output goes through the shared output ring, in order.
//
// The handler is set before thread.mjs is in: the kernel's ABI numbers
// come in by a top-level await (kernel-abi.mjs), and the page's message
// would be dispatched, and lost, while a static import still waited.
import { outputWrite } from './console-output.mjs';
import { reusable } from './pool.mjs';

const thread = import('./thread.mjs');

let port = null;
let queue = Promise.resolve();

// the first message brings the port; each later one, a thread to run
self.onmessage = ({ data: msg }) => {
  if (msg.port) { port = msg.port; return; }
  queue = queue.then(() => run(msg.data));
};

async function run(data) {
  const { runThread } = await thread;
  runThread(data, {
    write: (fd, bytes) => outputWrite(data.output, bytes),
    now: () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6)),
    cores: navigator.hardwareConcurrency || 1,
    spawn: (d) => port.postMessage({ spawn: d }),
    // (a promise: the module is dynamic, as thread.mjs, and the access
    // handle opens asynchronously)
    diskFile: (disk) => import('./disk-opfs.mjs').then((m) => m.diskFile(disk)),
  });
  if (reusable(data)) port.postMessage({ idle: true });
}
