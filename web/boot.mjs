// Boots the web variant of the kernel (build/web/) from JS: memory, data
// segments, shared control block, and the first worker.  Used by the
// Node.js command line (cli.mjs) and the page (page.mjs).
import { memAlloc, newControl, newInput, STACK_SIZE } from './host.mjs';

const INITIAL_MEMORY = 16 << 20;   // WASM_INITIAL_MEMORY in host_ops.h

// files: { wasm: ArrayBuffer|Uint8Array, data: Uint8Array, nr: object }
// start(workerData) starts a worker; input, if given (newInput()), is the
// console input ring, served by a worker of its own.  opts: { load (what
// init copies into the filesystem first, see tasks.mjs), control(ctl)
// (called with the shared control block before any worker starts) }.
export async function boot(files, cmdline, argv, start, input, opts = {}) {
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
  // handle 1: the boot thread, 2: the input thread; both stacks are
  // allocated before any worker can allocate
  ctl[2] = input ? 2 : 1;
  const stack = memAlloc(ctl, memory, STACK_SIZE);
  const inputStack = input ? memAlloc(ctl, memory, STACK_SIZE) : 0;
  if (opts.control) opts.control(ctl);
  const common = { module, memory, ctl, nr: files.nr, input };
  // the boot thread starts the input thread once the console is open
  const inputThread = input ? { role: 'input', handle: 2, stack: inputStack } : null;
  start({ ...common, role: 'boot', handle: 1, stack, cmdline, argv, inputThread, load: opts.load || null });
  const { value } = Atomics.waitAsync(ctl, 0, 0);
  await value;
  return ctl[1];
}
