// A kernel host thread as a Node.js worker thread.
import {
  chmodSync, closeSync, fdatasyncSync, mkdirSync, openSync, readSync, symlinkSync, writeSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
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
  cores: availableParallelism(),
  // --copy-out's host side (tasks.mjs); a directory that is there already
  // is not an error, as the native program's plat_mkdir
  files: {
    mkdir: (path, mode) => {
      try { mkdirSync(path, { mode }); } catch (e) { if (e.code !== 'EEXIST') throw e; }
    },
    symlink: (target, path) => symlinkSync(target, path),
    create: (path) => openSync(path, 'w'),
    write: (fd, bytes) => { for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off); },
    close: (fd) => closeSync(fd),
    chmod: (path, mode) => chmodSync(path, mode),
  },
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
