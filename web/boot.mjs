// Boots the web variant of the kernel (build/web/) from JS: memory, data
// segments, shared control block, and the first worker.  Used by the
// Node.js command line (cli.mjs) and the page (page.mjs).
import { memAlloc, newControl, STACK_SIZE } from './host.mjs';

const INITIAL_MEMORY = 16 << 20;   // WASM_INITIAL_MEMORY in host_ops.h

// files: { wasm: ArrayBuffer|Uint8Array, data: Uint8Array, nr: object }
// start(workerData) starts the first worker.
export async function boot(files, cmdline, argv, start) {
  const module = await WebAssembly.compile(files.wasm);
  const memory = new WebAssembly.Memory({
    initial: INITIAL_MEMORY / 65536, maximum: 65536, shared: true,
  });
  const bytes = new Uint8Array(memory.buffer);
  const view = new DataView(files.data.buffer, files.data.byteOffset, files.data.byteLength);
  for (let off = 0; off < files.data.length;) {
    const addr = view.getUint32(off, true);
    const len = view.getUint32(off + 4, true);
    bytes.set(files.data.subarray(off + 8, off + 8 + len), addr);
    off += 8 + len;
  }
  const ctl = newControl();
  ctl[3] = INITIAL_MEMORY;           // memory break
  ctl[2] = 1;                        // handle 1: the boot thread
  const stack = memAlloc(ctl, memory, STACK_SIZE);
  start({ module, memory, ctl, nr: files.nr, role: 'boot', handle: 1, stack, cmdline, argv });
  const { value } = Atomics.waitAsync(ctl, 0, 0);
  await value;
  return ctl[1];
}
