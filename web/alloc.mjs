// Memory blocks for the kernel (mem_alloc), thread stacks and host
// buffers, in the kernel's memory above its image: whole wasm pages, from
// a list of freed blocks in the control block, else from the break, which
// grows the memory.  Workers that allocate wait on a lock; the page only
// allocates before it starts any worker.
import { ALLOC_LOCK, FREE, MAX_FREE, MEM_BREAK, locked } from './control.mjs';
import { clearBytes } from './pages.mjs';

const PAGE = 65536;

// The size of the block that an allocation of size bytes takes.
export const blockSize = (size) => Math.ceil(size / PAGE) * PAGE;

// Allocation starts at addr (boot.mjs: the end of the initial memory).
export function allocFrom(ctl, addr) {
  Atomics.store(ctl, MEM_BREAK, addr);
}

// The address of a zeroed block, or 0 if the memory cannot grow.
export function memAlloc(ctl, memory, size) {
  return locked(ctl, ALLOC_LOCK, () => {
    size = blockSize(size);
    for (let i = 0; i < MAX_FREE; i++) {
      const a = FREE + 2 * i;
      if (ctl[a + 1] >= size) {
        const addr = ctl[a] >>> 0;
        ctl[a] += size;
        ctl[a + 1] -= size;
        clearBytes(new Uint8Array(memory.buffer, addr, size));
        return addr;
      }
    }
    const addr = ctl[MEM_BREAK] >>> 0;
    const need = addr + size - memory.buffer.byteLength;
    if (need > 0) {
      try { memory.grow(Math.ceil(need / PAGE)); } catch { return 0; }
    }
    ctl[MEM_BREAK] = addr + size;
    return addr;
  });
}

// size: what blockSize gave for the block.  With no free slot, the block
// is lost.
export function memFree(ctl, addr, size) {
  locked(ctl, ALLOC_LOCK, () => {
    for (let i = 0; i < MAX_FREE; i++) {
      const a = FREE + 2 * i;
      if (ctl[a + 1] === 0) { ctl[a] = addr; ctl[a + 1] = size; return; }
    }
  });
}
