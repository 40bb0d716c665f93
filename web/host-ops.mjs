// The kernel's host operations for the web (browsers and Node.js): one
// instance of the kernel per worker over one shared memory.  The
// interface is kernel/arch/wasm/include/uapi/asm/host_ops.h; this file is
// its web implementation, as runtime/*.c is the native one.  What the
// workers share is in the control block (control.mjs); mutexes,
// semaphores and threads are host handles (handles.mjs) and wait with
// Atomics.wait on their first cell.
import { blockSize, memAlloc, memFree } from './alloc.mjs';
import { inputRead } from './console-input.mjs';
import { CONSOLE_SIZE, LAST_TLS_KEY, PUMPS, PUMPS_DONE } from './control.mjs';
import { stopForGood } from './exit.mjs';
import { freeHandle, handleCell, newHandle } from './handles.mjs';
import abi from './kernel-abi.mjs';
import { diskOps } from './disk.mjs';
import { netOps } from './net.mjs';
import { STACK_SIZE, stackGet } from './stacks.mjs';
import { timerSet } from './timer.mjs';
import { createUser } from './user.mjs';
import { Unwind } from './unwind.mjs';

const MAX_TLS_KEYS = 16;   // the host's own limit (the kernel uses one key)

// A semaphore's down watches its count this long before it sleeps.  The
// CPU goes from one host thread to another with a semaphore (a task's,
// in __switch_to), and a pipe's reader and writer take turns on it
// every 64 KiB; a thread asleep on an idle core is woken through the
// host's scheduler, under a hypervisor an interrupt sent to the other
// virtual CPU: on a two-core KVM guest, 30 us a wake-up, against 1.5 us
// for a thread that is still watching (a one-way hand-over between two
// Node.js workers).  There 256 MiB through `dd | cat` under Node took
// 520 ms without the watch, 335 ms with it (medians of ten).  A long wait
// sleeps after 50 us, small beside it; on one core there is no watch (the
// thread that would let go needs that core).  The watch also ends after
// SEM_SPIN_LOOKS looks, in case the clock is coarser than 50 us (browsers
// may round it).
const SEM_SPIN_MS = 0.05;
const SEM_SPIN_LOOKS = 4096;

// thread_exit and jmp_buf_longjmp unwind the JS stack with exceptions.
class ThreadExit extends Unwind { constructor() { super('thread_exit'); } }
class LongJmp extends Unwind {
  constructor(token) { super('longjmp'); this.token = token; }
}

// env: { memory, ctl, handle, spawnWorker(data), takeSpawn(), write(fd,
//        bytes), cmdline, input, net (net.mjs, or none), disks (disk.mjs),
//        user, now() -> BigInt ns, cores: the host's processors }
export function createHost(env) {
  const { memory, ctl } = env;
  const tls = new Map();
  const blocks = new Map();   // our mem_alloc'd blocks: address -> size
  let instance = null;
  let jmpToken = 1;

  const u8 = (addr, len) => new Uint8Array(memory.buffer, addr, len);
  const text = (addr) => {
    const m = new Uint8Array(memory.buffer);
    let end = addr;
    while (m[end]) end++;
    return new TextDecoder().decode(m.slice(addr, end));
  };
  const stop = (status, message) => {
    if (message) env.write(2, new TextEncoder().encode(`wasmlinux: ${message}\n`));
    stopForGood(ctl, status);   // the kernel stops here for good
  };
  const fn = (index) => instance.exports.__indirect_function_table.get(index);
  const user = createUser({ memory, ctl, stop, inherited: env.user, kernel: () => instance });

  const ops = {
    print(addr, len) { env.write(1, u8(addr, len).slice()); },
    panic(msg) { stop(2, `kernel panic: ${text(msg)}`); },
    power_off(code) {
      if (code & abi.WASM_POWER_INIT_EXIT) {   // init's status is the run's
        // what init wrote to the host's pipes reaches it first (2 s at most)
        const deadline = Date.now() + 2000;
        for (let done; (done = Atomics.load(ctl, PUMPS_DONE)) < Atomics.load(ctl, PUMPS) &&
             Date.now() < deadline;)
          Atomics.wait(ctl, PUMPS_DONE, done, deadline - Date.now());
        stop(code & 0xff, '');   // the low byte (host_ops.h)
      }
      stop(0, code === abi.WASM_POWER_RESTART ? 'restart requested; stopping instead' : '');
    },
    random(addr, len) {
      // getRandomValues takes no shared memory: fill a copy
      const b = new Uint8Array(len);
      crypto.getRandomValues(b);
      u8(addr, len).set(b);
    },
    // (no CRC32C faster than the kernel's own wasm here)
    features() { return 0; },
    crc32c() { stop(3, 'kernel asked for a CRC32C the host does not offer'); },
    cmdline(addr, size) {
      const b = new TextEncoder().encode(env.cmdline);
      if (b.length >= size) stop(1, `kernel command line longer than ${size - 1} bytes`);
      u8(addr, b.length + 1).set([...b, 0]);
      return b.length;
    },
    console_read(addr, size) { return env.input ? inputRead(env.input, u8(addr, size)) : 0; },
    console_size() { return Atomics.load(ctl, CONSOLE_SIZE); },
    mem_alloc(size) {
      const addr = memAlloc(ctl, memory, size);
      if (addr) blocks.set(addr, blockSize(size));
      return addr;
    },
    time_mono() { return env.now(); },
    time_wall() { return BigInt(Date.now()) * 1000000n; },
    mutex_alloc() { return newHandle(ctl); },
    // (0 free, 1 held, 2 held and maybe waited for: only then does the
    // unlock wake a waiter; the CPU lock is taken and let go twice a
    // system call, and a notify costs more than the rest of the unlock)
    mutex_lock(h) {
      const c = handleCell(h);
      if (Atomics.compareExchange(ctl, c, 0, 1) === 0) return;
      while (Atomics.exchange(ctl, c, 2) !== 0) Atomics.wait(ctl, c, 2);
    },
    mutex_unlock(h) {
      const c = handleCell(h);
      if (Atomics.exchange(ctl, c, 0) === 2) Atomics.notify(ctl, c, 1);
    },
    sem_alloc(count) { const h = newHandle(ctl); Atomics.store(ctl, handleCell(h), count); return h; },
    sem_free(h) { freeHandle(ctl, h); },
    sem_up(h) { const c = handleCell(h); Atomics.add(ctl, c, 1); Atomics.notify(ctl, c, 1); },
    sem_down(h) {
      const c = handleCell(h);
      if (Atomics.load(ctl, c) <= 0 && env.cores > 1) {
        const until = performance.now() + SEM_SPIN_MS;
        for (let i = 0; i < SEM_SPIN_LOOKS && Atomics.load(ctl, c) <= 0 && performance.now() < until; i++) {}
      }
      for (;;) {
        const v = Atomics.load(ctl, c);
        if (v > 0) { if (Atomics.compareExchange(ctl, c, v, v - 1) === v) return; continue; }
        Atomics.wait(ctl, c, v);
      }
    },
    thread_create(f, arg) {
      const h = newHandle(ctl);
      const stack = stackGet(ctl, memory);
      if (!stack) { freeHandle(ctl, h); return 0; }
      env.spawnWorker({
        role: 'thread', handle: h, fn: f, arg, stack, spawn: env.takeSpawn(), user: user.handOver(),
      });
      return h;
    },
    thread_exit() { throw new ThreadExit(); },
    // (the joined thread's handle is given again: only the kernel joins,
    // once, when it lets go of the task)
    thread_join(h) {
      const c = handleCell(h);
      while (Atomics.load(ctl, c) === 0) Atomics.wait(ctl, c, 0);
      freeHandle(ctl, h);
      return 0;
    },
    thread_self() { return env.handle; },
    tls_alloc() {
      const k = Atomics.add(ctl, LAST_TLS_KEY, 1) + 1;
      return k < MAX_TLS_KEYS ? k : 0;
    },
    tls_set(k, v) { tls.set(k, v); },
    tls_get(k) { return tls.get(k) || 0; },
    timer_alloc(f, arg) {
      const h = newHandle(ctl);
      const stack = stackGet(ctl, memory);
      if (!stack) { freeHandle(ctl, h); return 0; }
      env.spawnWorker({ role: 'timer', handle: h, fn: f, arg, stack });
      return h;
    },
    timer_set_oneshot(h, ns) { timerSet(ctl, h, ns ? env.now() + ns : 0n); },
    jmp_buf_set(jb, f) {
      const token = jmpToken++;
      const sp = instance.exports.__stack_pointer.value;
      new Uint32Array(memory.buffer, jb, 1)[0] = token;
      try {
        fn(f)();
      } catch (e) {
        if (!(e instanceof LongJmp && e.token === token)) throw e;
      }
      instance.exports.__stack_pointer.value = sp;   // skipped epilogues
    },
    jmp_buf_longjmp(jb) { throw new LongJmp(new Uint32Array(memory.buffer, jb, 1)[0]); },
    ...netOps(env.net, memory),
    ...diskOps(env.disks, memory),
    ...user.ops,
  };

  return {
    imports: { env: { memory }, host: ops },
    // The next thread on this worker, with its own env, on this host and
    // kernel instance (thread.mjs): what was the last thread's goes.
    rebind(next) {
      env = next;
      tls.clear();
      user.rebind(next.user);
    },
    attach(inst, stack) {
      instance = inst;
      inst.exports.__stack_pointer.value = stack + STACK_SIZE;
    },
    // Runs code that may end the thread (thread_exit): false if it did.
    untilExit(run) {
      try { run(); return true; } catch (e) {
        if (e instanceof ThreadExit) return false;
        throw e;
      }
    },
    call: (f, arg) => fn(f)(arg),
    // The host's own blocks (mem_alloc) go back here: the kernel frees none.
    free(addr) { memFree(ctl, addr, blocks.get(addr) || 0); blocks.delete(addr); },
    threadDone(h) { Atomics.store(ctl, handleCell(h), 1); Atomics.notify(ctl, handleCell(h)); },
    stop,
  };
}
