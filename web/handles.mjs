// Host handles: the numbers the host ops give the kernel for the objects
// they make (mutexes, semaphores, threads, timers, user memories).  Each
// has a record of HANDLE_CELLS cells in the control block, zero when
// made, which every worker sees: a mutex's state, a semaphore's count, a
// thread's done flag or a user memory's freed flag in its first cell; a
// timer's sequence number and 64-bit deadline after (timer.mjs).
import { HANDLE_CELLS, HANDLES, LAST_HANDLE, MAX_HANDLES } from './control.mjs';

export function newHandle(ctl) {
  const h = Atomics.add(ctl, LAST_HANDLE, 1) + 1;
  if (h >= MAX_HANDLES) throw new Error('out of host handles');
  for (let i = 0; i < HANDLE_CELLS; i++) Atomics.store(ctl, HANDLES + HANDLE_CELLS * h + i, 0);
  return h;
}

// The index in ctl of cell i of handle h's record.
export function handleCell(h, i = 0) {
  if (!h || h >= MAX_HANDLES) throw new Error(`kernel used a bad host handle ${h}`);
  return HANDLES + HANDLE_CELLS * h + i;
}

// Handles that boot.mjs gives before any worker starts (the first ones).
export function reserveHandles(ctl, n) {
  Atomics.store(ctl, LAST_HANDLE, n);
}
