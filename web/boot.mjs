// Boots the web variant of the kernel (build/web/) from JS: memory, data
// segments, shared control block, and the first worker.  Used by the
// Node.js command line (cli.mjs) and the page (page.mjs), which also share
// what comes before it: the kernel's files, the initramfs, the actions of
// init for the shell, and the console's size (see bootShell below).
import { allocFrom, memAlloc } from './alloc.mjs';
import { inputWake } from './console-input.mjs';
import { CONSOLE_SIZE, newControl } from './control.mjs';
import { exitStatus } from './exit.mjs';
import { reserveHandles } from './handles.mjs';
import abi from './kernel-abi.mjs';
import { STACK_SIZE } from './stacks.mjs';

// The build's files, by path in the build directory: the page fetches
// them (serve.mjs serves these paths), cli.mjs reads them.
export const KERNEL_FILES = { wasm: 'web/kernel-shared.wasm', data: 'web/kernel-data.bin' };
export const INITRAMFS = 'userland/initramfs.cpio';

// get(path in the build directory) -> Uint8Array (or a promise of one;
// for the kernel's wasm, it may be its compiled module instead)
export async function kernelFiles(get) {
  const [wasm, data] = await Promise.all(Object.values(KERNEL_FILES).map((p) => get(p)));
  return { wasm, data };
}

// What init does to run the shell: the initramfs's /init on the console,
// or with standard streams that are pipes (pipes: [fd...]) on those.
export function shellActions(pipes = []) {
  return ['--shell', ...(pipes.length ? ['--pipes', pipes.join(',')] : []), '--exec', '/init'];
}

// The console's size, for TIOCGWINSZ: size() -> [rows, columns] or null;
// onResize(f) calls f after a change, which raises the console interrupt
// (the kernel reads the size again on every one).
export function consoleControl(input, size, onResize) {
  return (ctl) => {
    const set = () => {
      const s = size();
      if (s && s[0] > 0 && s[1] > 0) Atomics.store(ctl, CONSOLE_SIZE, s[0] << 16 | s[1]);
    };
    set();
    if (input && onResize) onResize(() => { set(); inputWake(input); });
  };
}

// The shell on the console, as both hosts boot it: kernel files from
// get(), the initramfs (bytes) loaded first, then opts.extra loads ({ name,
// dest, cpio } or { name, dest, entries }, see tasks.mjs).  Returns init's
// exit status.  opts: { params: kernel parameters, pipes, size, onResize,
// net, disks }
export async function bootShell(get, initramfs, start, input, opts = {}) {
  const files = await kernelFiles(get);
  const load = [{ name: INITRAMFS, dest: '/', cpio: initramfs }, ...(opts.extra || [])];
  return boot(files, (opts.params || []).join(' '), shellActions(opts.pipes), start, input,
              { load, net: opts.net, disks: opts.disks, control: consoleControl(input, opts.size || (() => null), opts.onResize) });
}

// files: { wasm: ArrayBuffer|Uint8Array or its WebAssembly.Module, data: Uint8Array }
// start(workerData) starts a worker; input, if given (newInput()), is the
// console input ring, served by a worker of its own.  opts: { load (what
// init copies into the filesystem first, see tasks.mjs), control(ctl)
// (called with the shared control block before any worker starts), net
// (net.mjs's newNet(): the network device; none without), disks
// (disk.mjs's newDisk() each) }.
export async function boot(files, cmdline, argv, start, input, opts = {}) {
  const module = files.wasm instanceof WebAssembly.Module ? files.wasm : await WebAssembly.compile(files.wasm);
  const memory = new WebAssembly.Memory({
    initial: abi.WASM_INITIAL_MEMORY / 65536, maximum: 65536, shared: true,
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
  allocFrom(ctl, abi.WASM_INITIAL_MEMORY);
  // handle 1: the boot thread, then the input and the network threads;
  // their stacks are allocated before any worker can allocate
  const net = opts.net || null;
  const handles = [1];
  const thread = (role) => {
    const handle = handles.length + 1;
    handles.push(handle);
    return { role, handle, stack: memAlloc(ctl, memory, STACK_SIZE) };
  };
  const stack = memAlloc(ctl, memory, STACK_SIZE);
  const inputThread = input ? thread('input') : null;
  const netThread = net ? thread('net') : null;
  const disks = opts.disks || [];
  const diskThreads = disks.map((_, i) => ({ ...thread('disk'), disk: i }));
  reserveHandles(ctl, handles.length);
  if (opts.control) opts.control(ctl);
  const common = { module, memory, ctl, input, net, disks };
  // the boot thread starts the network thread, and the input thread once
  // the console is open
  start({ ...common, role: 'boot', handle: 1, stack, cmdline, argv, inputThread, netThread,
          diskThreads, load: opts.load || null });
  return exitStatus(ctl);
}
