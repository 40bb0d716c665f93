// One host thread of the kernel, in a worker (Node.js or browser): a
// kernel instance over the shared memory, running the boot, a kernel
// thread, a timer, the console input, the network's interrupts, a
// disk's operations, or a task made for the host.
// platform.diskFile(disk): the file behind a disk (disk.mjs), or a promise
// of it.
// platform: { write(fd, bytes), now() -> BigInt ns, spawn(data), read(fd, buf),
//             cores: how many processors the host has }
import { inputThread } from './console-input.mjs';
import { createHost } from './host-ops.mjs';
import abi from './kernel-abi.mjs';
import { diskThread } from './disk.mjs';
import { netIrqThread } from './net.mjs';
import { reusable } from './pool.mjs';
import { stackPut } from './stacks.mjs';
import { hostMain, hostTask } from './tasks.mjs';
import { timerThread } from './timer.mjs';
import { Unwind } from './unwind.mjs';

// A worker of the pool runs one thread after another (pool.mjs): the
// kernel's instance and its host, made for its first, are kept for the
// next, which only sets the stack pointer and its own host state.  (Under
// Node.js an instance of the kernel costs about 0.4 ms, a fifth of what a
// process start took; the instance's only state is its stack pointer.)
let kept = null;

export function runThread(d, platform) {
  let pendingSpawn = null;

  const env = {
    memory: d.memory,
    ctl: d.ctl,
    handle: d.handle,
    cmdline: d.cmdline,
    input: d.input,
    net: d.net,
    disks: d.disks,
    user: d.user,
    now: platform.now,
    write: platform.write,
    cores: platform.cores,
    takeSpawn: () => { const s = pendingSpawn; pendingSpawn = null; return s; },
    spawnWorker: (data) => platform.spawn({ ...d, load: null, user: null, ...data }),
  };
  let host, instance;
  if (kept) {
    ({ host, instance } = kept);
    host.rebind(env);
  } else {
    host = createHost(env);
    instance = new WebAssembly.Instance(d.module, host.imports);
    if (reusable(d)) kept = { host, instance };
  }
  host.attach(instance, d.stack);

  const kernel = {
    syscall: (nr, ...a) => instance.exports.wasm_syscall(nr, ...[...a, 0, 0, 0, 0, 0, 0].slice(0, 6)),
    clone: (flags, spawn) => { pendingSpawn = spawn; const r = instance.exports.wasm_clone(flags); pendingSpawn = null; return r; },
    memory: d.memory,
    alloc: (size) => host.imports.host.mem_alloc(size),
    free: (addr) => host.free(addr),
    write: (fd, s) => platform.write(fd, typeof s === 'string' ? new TextEncoder().encode(s) : s),
    read: platform.read,   // (fd, Uint8Array) -> bytes read, 0 at the end (Node.js only)
    files: platform.files,   // host files, for --copy-out (Node.js only; tasks.mjs)
    now: platform.now,
    ctl: d.ctl,
    stop: host.stop,
  };

  try {
    if (d.role === 'boot') {
      // frames that come before the kernel can take them wait for it
      for (const t of [d.netThread, ...(d.diskThreads || [])].filter(Boolean))
        platform.spawn({ ...d, ...t, netThread: null, diskThreads: null, inputThread: null });
      const ret = instance.exports.wasm_boot();
      if (ret < 0) host.stop(1, `boot failed: ${ret}`);
      if (d.inputThread) platform.spawn({ ...d, ...d.inputThread, inputThread: null });
      hostMain(kernel, d.argv, d.load);
    } else if (d.role === 'disk') {
      const disk = d.disks[d.disk];
      const serve = (file) => diskThread(disk, file, d.memory, () => instance.exports.wasm_irq(abi.WASM_IRQ_DISK));
      const file = platform.diskFile(disk);
      if (file.then) file.then(serve, (e) => host.stop(1, `disk ${disk.name || d.disk}: ${e.message}`));
      else serve(file);
    } else if (d.role === 'net') {
      netIrqThread(d.net, () => instance.exports.wasm_irq(abi.WASM_IRQ_NET));
    } else if (d.role === 'input') {
      inputThread(d.input, () => instance.exports.wasm_irq(abi.WASM_IRQ_CONSOLE));
    } else if (d.role === 'timer') {
      timerThread(d.ctl, d.handle, platform.now, () => host.call(d.fn, d.arg));
    } else if (host.untilExit(() => host.call(d.fn, d.arg)) && d.spawn) {
      // a task made for the host: run its code, then end the task
      host.untilExit(() => {
        hostTask(kernel, d.spawn);
        kernel.syscall(abi.NR.exit, 0);
      });
    }
  } catch (e) {
    // (an Unwind here has escaped what throws it for: a host bug)
    const what = e instanceof Unwind ? `${e.message}, thrown to unwind and caught by nothing (a host bug)` : e.message;
    host.stop(3, `wasm trap or host error in a worker: ${what}${e.stack ? `\n${e.stack}` : ''}`);
  }
  if (d.role === 'thread') {
    stackPut(d.ctl, d.stack);
    host.threadDone(d.handle);
    // what the thread had (its process's memories and instances) goes
    // now, not when the next thread comes: an idle worker would keep it
    host.rebind({ write: platform.write });
  }
}
