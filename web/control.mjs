// The state the kernel's workers share besides the kernel's memory: one
// SharedArrayBuffer of Int32 cells, "ctl", made by boot.mjs before any
// worker starts.  Its layout is here, in one place, so that no two users
// of it overlap; each cell or region is used as its module says.

// Single cells
export const EXITED = 0;          // 1 once the kernel has stopped (exit.mjs)
export const EXIT_STATUS = 1;     // the run's exit status, then
export const LAST_HANDLE = 2;     // the last host handle given (handles.mjs)
export const MEM_BREAK = 3;       // the end of the memory allocated (alloc.mjs)
export const LAST_TLS_KEY = 4;    // the last thread-local key given (host-ops.mjs)
export const ALLOC_LOCK = 5;      // the allocator's lock
export const PUMPS_DONE = 6;      // output pumps of init that have ended (tasks.mjs)
export const PUMPS = 7;           // output pumps of init started
export const CONSOLE_SIZE = 8;    // rows << 16 | columns, 0 if unknown (boot.mjs)
export const HANDLE_LOCK = 9;     // the lock of the handles given back (handles.mjs)
export const FREE_HANDLE = 10;    // the last handle given back, 0 if none

// Regions
export const HANDLES = 64;                    // 4 cells per host handle
export const HANDLE_CELLS = 4;
export const MAX_HANDLES = 65536;
export const FREE = HANDLES + HANDLE_CELLS * MAX_HANDLES;   // freed blocks
export const MAX_FREE = 4096;                 // (address, size) pairs
export const STACKS = FREE + 2 * MAX_FREE;    // stacks of ended threads
export const MAX_STACKS = 1024;
export const HANDLE_GENS = STACKS + MAX_STACKS;   // a cell per handle (handles.mjs)
const CELLS = HANDLE_GENS + MAX_HANDLES;

export function newControl() {
  return new Int32Array(new SharedArrayBuffer(CELLS * 4));
}

// run() with the lock in cell lock held, waiting for it (only workers
// may call this: a browser's main thread cannot wait).
export function locked(ctl, lock, run) {
  while (Atomics.compareExchange(ctl, lock, 0, 1) !== 0) Atomics.wait(ctl, lock, 1);
  try { return run(); } finally {
    Atomics.store(ctl, lock, 0);
    Atomics.notify(ctl, lock, 1);
  }
}
