// A kernel host thread as a Node.js worker thread.
import { writeSync } from 'node:fs';
import { Worker, workerData } from 'node:worker_threads';
import { runThread } from './thread.mjs';

runThread(workerData, {
  write: (fd, bytes) => writeSync(fd, bytes),
  now: () => process.hrtime.bigint(),
  spawn: (data) => new Worker(new URL(import.meta.url), { workerData: data }),
});
