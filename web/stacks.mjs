// Shadow stacks (the kernel's wasm stack in linear memory), one per host
// thread: those of ended threads are reused through a lock-free pool in
// the control block, since a thread ends without the CPU lock; else they
// are allocated.
import { memAlloc } from './alloc.mjs';
import { MAX_STACKS, STACKS } from './control.mjs';

export const STACK_SIZE = 128 * 1024;

export function stackGet(ctl, memory) {
  for (let i = STACKS; i < STACKS + MAX_STACKS; i++) {
    const s = Atomics.load(ctl, i);
    if (s && Atomics.compareExchange(ctl, i, s, 0) === s) return s >>> 0;
  }
  return memAlloc(ctl, memory, STACK_SIZE);
}

// With the pool full, the stack is lost.
export function stackPut(ctl, stack) {
  for (let i = STACKS; i < STACKS + MAX_STACKS; i++)
    if (Atomics.compareExchange(ctl, i, 0, stack) === 0) return;
}
