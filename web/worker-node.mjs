// A kernel host thread as a Node.js worker thread.
import { fdatasyncSync, readSync, writeSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { reusable } from './pool.mjs';
import { runThread } from './thread.mjs';

const nap = new Int32Array(new SharedArrayBuffer(4));

// Host descriptors may be non-blocking (a terminal or pipe shared with
// another program): EAGAIN waits a little and tries again.
function retry(io) {
  for (;;) {
    try { return io(); } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      Atomics.wait(nap, 0, 0, 5);
    }
  }
}

const platform = {
  write: (fd, bytes) => {
    for (let off = 0; off < bytes.length;)
      off += retry(() => writeSync(fd, bytes, off, bytes.length - off));
  },
  read: (fd, buf) => {
    try { return retry(() => readSync(fd, buf, 0, buf.length, null)); } catch (e) {
      if (e.code === 'EOF') return 0;
      throw e;
    }
  },
  now: () => process.hrtime.bigint(),
  // cli.mjs starts every worker (pool.mjs)
  spawn: (data) => parentPort.postMessage({ spawn: data }),
  // a disk is a host file that cli.mjs opened (the descriptor is the process's)
  diskFile: ({ fd }) => ({
    read: (bytes, pos) => {
      let n = 0;
      for (let r; n < bytes.length && (r = readSync(fd, bytes, n, bytes.length - n, pos + n)) > 0;) n += r;
      return n;
    },
    write: (bytes, pos) => writeSync(fd, bytes, 0, bytes.length, pos),
    flush: () => fdatasyncSync(fd),
  }),
};

parentPort.on('message', (data) => {
  runThread(data, platform);
  if (reusable(data)) parentPort.postMessage({ idle: true });
});
