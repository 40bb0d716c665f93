// Host handles: the numbers the host ops give the kernel for the objects
// they make (mutexes, semaphores, threads, timers, user memories).  Each
// has a record of HANDLE_CELLS cells in the control block, zero when
// made, which every worker sees: a mutex's state, a semaphore's count, a
// thread's done flag or a user memory's freed flag in its first cell; a
// timer's sequence number and 64-bit deadline after (timer.mjs); once
// given back, the next one given back and a mark (freeHandle).
//
// A handle the kernel gives back (a freed semaphore or user memory, a
// joined thread) is given again: a process start takes four, and with
// none given again a session ran out of them after some 16,000.  The
// given-back ones make a stack through their records' second cell.
// Each handle also has a generation, which counts how often it was
// given: a worker that still holds an object under an old generation
// (user.mjs's process memories, which a worker forgets lazily) can tell
// that the number is another object's now.
import {
  FREE_HANDLE, HANDLE_CELLS, HANDLE_GENS, HANDLE_LOCK, HANDLES, LAST_HANDLE, MAX_HANDLES, locked,
} from './control.mjs';

export function newHandle(ctl) {
  let h = locked(ctl, HANDLE_LOCK, () => {
    const f = ctl[FREE_HANDLE];
    if (f) ctl[FREE_HANDLE] = ctl[HANDLES + HANDLE_CELLS * f + 1];
    return f;
  });
  if (h) {
    Atomics.add(ctl, HANDLE_GENS + h, 1);
  } else {
    h = Atomics.add(ctl, LAST_HANDLE, 1) + 1;
    if (h >= MAX_HANDLES) throw new Error(`out of host handles (${MAX_HANDLES} in use)`);
  }
  for (let i = 0; i < HANDLE_CELLS; i++) Atomics.store(ctl, HANDLES + HANDLE_CELLS * h + i, 0);
  return h;
}

// (in the third cell of a handle given back: a second give-back of it
// would put it on the stack twice, and then give it to two objects)
const GIVEN_BACK = 0x66726565;

// h's object is gone: the number may be given again.
export function freeHandle(ctl, h) {
  handleCell(h);
  locked(ctl, HANDLE_LOCK, () => {
    const rec = HANDLES + HANDLE_CELLS * h;
    if (ctl[rec + 2] === GIVEN_BACK) throw new Error(`host handle ${h} given back twice`);
    ctl[rec + 1] = ctl[FREE_HANDLE];
    ctl[rec + 2] = GIVEN_BACK;
    ctl[FREE_HANDLE] = h;
  });
}

// How often h has been given again.
export const handleGen = (ctl, h) => Atomics.load(ctl, HANDLE_GENS + h);

// The index in ctl of cell i of handle h's record.
export function handleCell(h, i = 0) {
  if (!h || h >= MAX_HANDLES) throw new Error(`kernel used a bad host handle ${h}`);
  return HANDLES + HANDLE_CELLS * h + i;
}

// Handles that boot.mjs gives before any worker starts (the first ones).
export function reserveHandles(ctl, n) {
  Atomics.store(ctl, LAST_HANDLE, n);
}
