// User programs on the web host (<asm/user_abi.h>; the native version is
// runtime/user.c, whose semantics this follows).
//
// Images: any valid module; the kernel has checked its structure against
// the ABI (imports, exports, memory: wasm_module.c) and the engine
// validates it as it is.  Its memory import is then rewritten to a shared
// one (flags 3, with a maximum) before it is compiled, so that a process
// memory can be used by other workers than the one that made it.
// Compiled modules are cached by content (length and two 32-bit hashes).
// A module refused (invalid, or a memory that cannot be made) is ENOEXEC
// with the engine's message as the reason; one that fails when it is
// instantiated (a data or element segment out of bounds) is a trap.
//
// Process memories: one shared WebAssembly.Memory per process, with the
// module's import limits; its handle is a host handle (handles.mjs), whose
// first cell says "freed" to every worker.  The module is instantiated
// over it on the worker that runs it, when it first runs there: that
// instantiation writes the active data segments, which is right once per
// process.  A program with threads has passive segments instead, which
// its start function writes once (an atomic flag in its memory): each
// of its threads runs on a worker of its own, with an instance of its
// own over the one memory (user_thread_run).
//
// Hand-over between workers: a worker blocked in Atomics.wait cannot take
// messages, and a memory made on one worker (the parent's, for the execve
// of a vfork child) is run on another (the child's new host thread).  So
// every thread_create carries, in its request, the memories this worker
// knows that are not freed yet and the compiled modules: the new worker
// starts with them.  The kernel only ever uses, on a host thread, the
// memory of the task bound to it, which was made there or before the
// thread was created.
//
// A thread that runs user code keeps a base frame (its first user_run, on
// the JS stack of the kernel call that made it); a later user_run, or a
// trap in the program, throws up to it.  Traps map to signals as in
// runtime/user.c.  The NULL guard (the program's memory below its first
// data, at most 64 KiB) cannot be protected in wasm: copies refuse it, and
// a store into it is found by the program's next system calls (the guard
// must still read as zeros: the first 4 KiB are looked at on each call,
// the rest on every 32nd), which then kill it with SIGSEGV.  Loads from it
// read zeros.
import { freeHandle, handleCell, handleGen, newHandle } from './handles.mjs';
import abi from './kernel-abi.mjs';
import { copyDirtyPages, memoryOps, PAGE_BYTES } from './pages.mjs';
import { invokeImports, longjmp, LongJmp } from './sjlj.mjs';
import { Unwind } from './unwind.mjs';
import {
  DATA_SECTION, dataSegments, FUNCTION_IMPORT, IMPORT_SECTION, imports, isModule, limits,
  MEMORY_IMPORT, sections, uleb,
} from './wasmbin.mjs';

const PAGE = 65536;
const { SIGFPE, SIGILL, SIGSEGV } = abi;

// Where a thread is in a fork of its program (as runtime/fork.c).
const FORK_NONE = 0, FORK_UNWIND = 1, FORK_REWIND = 2;

class UserRun extends Unwind { constructor() { super('user_run'); } }
class UserTrap extends Unwind { constructor(sig) { super(`user trap ${sig}`); this.sig = sig; } }

// Reads a module's imports and data segments; returns the bytes with a
// shared memory import and what we need, or null if this host cannot run
// it (the kernel answers ENOEXEC).
export function prepareModule(b) {
  if (!isModule(b)) return null;
  const parts = [b.subarray(0, 8)];
  let memory = null, lowest = null, passive = false;
  for (const s of sections(b)) {
    if (s.id === IMPORT_SECTION) {
      const out = [];
      let count = 0;
      for (const imp of imports(b, s.body)) {
        count++;
        if (imp.kind === FUNCTION_IMPORT && ((imp.module === abi.WASM_USER_IMPORT_MODULE &&
            [abi.WASM_USER_IMPORT_SYSCALL, abi.WASM_USER_IMPORT_FORK, abi.WASM_USER_IMPORT_LONGJMP].includes(imp.field)) ||
            (imp.module === 'env' && imp.field.startsWith(abi.WASM_USER_IMPORT_INVOKE)))) {
          out.push(...b.subarray(imp.start, imp.end));
        } else if (imp.kind === MEMORY_IMPORT && imp.module === 'env' && imp.field === 'memory') {
          const [flags, lo, hi] = limits(b, imp.desc);
          if (flags & ~3) return null;         // memory64 and others
          memory = { initial: lo, maximum: hi === null ? 65536 : hi };
          out.push(...b.subarray(imp.start, imp.desc), 3, ...uleb(lo), ...uleb(memory.maximum));
        } else {
          return null;                           // an import we cannot give
        }
      }
      const body = [...uleb(count), ...out];
      parts.push(new Uint8Array([IMPORT_SECTION, ...uleb(body.length), ...body]));
      continue;
    }
    if (s.id === DATA_SECTION) {
      for (const { flags, offset } of dataSegments(b, s.body, s.end)) {
        passive ||= flags === 1;
        if (offset !== null) lowest = lowest === null ? offset : Math.min(lowest, offset);
      }
    }
    parts.push(b.subarray(s.start, s.end));
  }
  if (!memory) return null;
  const total = parts.reduce((n, x) => n + x.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const x of parts) { bytes.set(x, at); at += x.length; }
  // (passive segments, with a shared memory, are written by the start
  // function wherever it says: above the guard, as user_abi.h asks)
  if (lowest === null && passive) lowest = abi.WASM_USER_NULL_GUARD;
  const guard = Math.floor(Math.min(lowest ?? 0, abi.WASM_USER_NULL_GUARD) / PAGE_BYTES) * PAGE_BYTES;
  return { bytes, initial: memory.initial, maximum: memory.maximum, guard };
}

// A cache key for a module's bytes, in parts (Uint8Arrays, each but the
// last a multiple of 4 bytes long): the length and two 32-bit hashes.
function contentKey(parts) {
  const length = parts.reduce((n, b) => n + b.length, 0);
  let h1 = 0x811c9dc5 ^ length, h2 = 0x9747b28c;
  for (const b of parts) {
    const words = b.length >> 2;
    if ((b.byteOffset & 3) === 0) {
      const w = new Int32Array(b.buffer, b.byteOffset, words);
      for (let i = 0; i < words; i++) {
        const x = w[i];
        h1 = Math.imul(h1 ^ x, 0x01000193);
        h2 = Math.imul(h2 ^ x, 0x5bd1e995) ^ (h2 >>> 13);
      }
    } else {
      const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
      for (let i = 0; i < words; i++) {
        const x = v.getInt32(4 * i, true);
        h1 = Math.imul(h1 ^ x, 0x01000193);
        h2 = Math.imul(h2 ^ x, 0x5bd1e995) ^ (h2 >>> 13);
      }
    }
    for (let i = words * 4; i < b.length; i++) {
      h1 = Math.imul(h1 ^ b[i], 0x01000193);
      h2 = Math.imul(h2 ^ b[i], 0x5bd1e995) ^ (h2 >>> 13);
    }
  }
  return `${length}:${(h1 >>> 0).toString(16)}:${(h2 >>> 0).toString(16)}`;
}

// The signal for an exception out of user code, or 0 if it is none of
// the program's doing.
function trapSignal(e) {
  if (e instanceof UserTrap) return e.sig;
  if (e instanceof LongJmp) return SIGILL;
  if (e instanceof RangeError && /call stack/i.test(e.message)) return SIGSEGV;
  if (!(e instanceof WebAssembly.RuntimeError)) return 0;
  const m = e.message;
  if (/out of bounds memory|memory access out of bounds/i.test(m)) return SIGSEGV;
  if (/by zero|integer overflow|unrepresentable(?! in integer)/i.test(m)) return SIGFPE;
  return SIGILL;
}

// Writes the reason of e (an exception) into why in kernel memory k, of
// whySize bytes: UTF-8, cut between characters, NUL-ended.  Returns 0,
// user_image's refusal.
function refuse(k, why, whySize, e) {
  if (!whySize) return 0;
  const out = new TextEncoder().encode(e instanceof Error ? e.message : String(e));
  let n = Math.min(out.length, whySize - 1);
  while (n > 0 && n < out.length && (out[n] & 0xc0) === 0x80) n--;
  k.set(out.subarray(0, n), why);
  k[why + n] = 0;
  return 0;
}

// The images this worker made last, by the kernel's id of the file's
// contents: [content key, module entry], at most 32 (as the native
// host's slots).  Kept for the worker, not for one of its threads: a
// worker of the pool runs one thread after another (a fork's child, then
// its exec), and a map per thread made each exec there hash the whole
// module again (under Node, 0.7 ms for BusyBox: a fifth of a process's
// start).
const RECENT_MAX = 32;
const recent = new Map();

// env: { memory (the kernel's), ctl,
//        kernel() -> kernel instance, stop(status, message),
//        inherited: what the creating worker handed over, or undefined }
export function createUser(env) {
  const { memory, ctl } = env;
  // The thread's: rebind starts them anew for the worker's next thread.
  const modules = new Map();   // content key -> { module, initial, maximum, guard }
  const images = [];           // image handle - 1 -> content key
  const mems = new Map();      // handle -> { memory, key, guard, instance }
  const invokes = new Map();   // content key -> the program's invoke imports
  let ut;

  // A process memory this worker knows; its guard is its module's.
  // (u8: a view of the memory's bytes, made again when an access goes
  // past its end: a memory only grows, and the getter of a shared
  // memory's buffer and a new view cost more than a page's copy)
  // (gen: the handle's generation when the memory got it, handles.mjs)
  const addMem = (h, memory, key, forked, gen = handleGen(ctl, h)) =>
    mems.set(h, { memory, u8: new Uint8Array(memory.buffer), key, guard: modules.get(key).guard,
                  instance: null, looks: 0, forked, gen });

  // (also when the thread ends: an idle worker keeps nothing of it)
  const start = (inherited) => {
    modules.clear();
    images.length = 0;
    mems.clear();
    invokes.clear();
    ut = {
      hasBase: false, inUser: false, cur: null, next: null, nextArgs: 0, nextEntry: '',
      args: 0, entry: '', inst: null, signals: 0,
      fork: FORK_NONE, forkArgs: [0, 0], forkBuf: 0, forkRet: 0,
    };
    if (!inherited) return;
    for (const [key, m] of inherited.modules) modules.set(key, m);
    for (const [h, mem, key, forked, gen] of inherited.mems) addMem(h, mem, key, forked, gen);
  };
  start(env.inherited);

  // (a memory whose handle is another object's now was freed too)
  const freed = (h, m) => Atomics.load(ctl, handleCell(h)) !== 0 || handleGen(ctl, h) !== m.gen;
  const umem = (h) => {
    const m = mems.get(h);
    if (!m || m.gen !== handleGen(ctl, h)) env.stop(3, `user memory ${h} is not known on this worker`);
    return m;
  };
  let kb = new Uint8Array(memory.buffer);
  // the kernel's bytes, a view that reaches end (past the memory's end,
  // a kernel bug: an error, not a shorter copy)
  const kbytes = (end) => {
    if (kb.length < end) kb = new Uint8Array(memory.buffer);
    if (kb.length < end) throw new RangeError(`kernel address ${end} is past the kernel's memory`);
    return kb;
  };

  // bytes of [uaddr, uaddr + len) that cannot be reached
  const beyond = (m, uaddr, len) => {
    if (uaddr + len > m.u8.length) m.u8 = new Uint8Array(m.memory.buffer);
    const size = m.u8.length;
    if (uaddr >= size || uaddr < m.guard) return len;
    return uaddr + len > size ? uaddr + len - size : 0;
  };

  const memOps = (m) => m.ops || (m.ops = memoryOps(m.memory));

  // A store into the NULL guard since the last look: the guard is zeros.
  const guardDirty = (m) => {
    if (!m.guard) return false;
    // its first 4 KiB (NULL plus a small offset) every time, all of it
    // every 32nd time: a full look costs more than the system call
    const end = ++m.looks & 31 ? PAGE_BYTES : m.guard;
    return memOps(m).scan(0, end, 1) < end;
  };

  const syscall = (nr, a0, a1, a2, a3, a4, a5) => {
    ut.inUser = false;
    if (guardDirty(ut.cur)) throw new UserTrap(SIGSEGV);
    const ret = env.kernel().exports.wasm_syscall(nr, a0, a1, a2, a3, a4, a5);
    ut.inUser = true;
    return ret;
  };

  // fork (user_abi.h, as runtime/fork.c): the import starts Asyncify's
  // unwind into buf and returns; the entry point returns to run(), which
  // makes the fork and rewinds; the rewound import returns the pid.
  const fork = (args, argsSize, buf, size) => {
    const x = ut.inst.exports;
    if (ut.fork === FORK_REWIND) {
      x[abi.WASM_USER_EXPORT_STOP_REWIND]();
      ut.fork = FORK_NONE;
      return ut.forkRet;
    }
    if (ut.signals) return -abi.ENOSYS;
    if (buf & 3 || size < abi.WASM_USER_FORK_MIN_BUF || beyond(ut.cur, buf, size)) return -abi.EFAULT;
    const v = new DataView(ut.cur.memory.buffer);
    v.setUint32(buf, buf + 8, true);
    v.setUint32(buf + 4, buf + size, true);
    ut.fork = FORK_UNWIND;
    ut.forkArgs = [args, argsSize];
    ut.forkBuf = buf;
    x[abi.WASM_USER_EXPORT_UNWIND](buf);
    return 0;
  };

  // A fork's child, on its own worker, in its first instance: the
  // parent's globals, then the rewind to where fork returns 0.  (Only
  // those that differ: the others may be immutable, as the addresses of
  // data a program exports, the same in every instance of its module.)
  const startForked = (m) => {
    const { buf, globals } = m.forked;
    m.forked = undefined;
    for (const [n, v] of globals) {
      const g = ut.inst.exports[n];
      if (g.value !== v) g.value = v;
    }
    ut.fork = FORK_REWIND;
    ut.forkRet = 0;
    ut.inst.exports[abi.WASM_USER_EXPORT_REWIND](buf);
  };

  // The entry point returned: if it was unwound for a fork, makes it and
  // starts the rewind; true if the entry point is to be called again.
  const forkResume = (kernel) => {
    if (ut.fork !== FORK_UNWIND) return false;
    const x = ut.inst.exports;
    x[abi.WASM_USER_EXPORT_STOP_UNWIND]();
    ut.inUser = false;
    const ret = kernel.exports.wasm_syscall(abi.WASM_SYSCALL_FORK, ...ut.forkArgs, 0, 0, 0, 0);
    ut.inUser = true;
    ut.fork = FORK_REWIND;
    ut.forkRet = ret;
    x[abi.WASM_USER_EXPORT_REWIND](ut.forkBuf);
    return true;
  };

  // The exported globals of an instance (stack pointer, TLS base).
  const globalsOf = (inst) => Object.entries(inst.exports)
    .filter(([, v]) => v instanceof WebAssembly.Global).map(([n, v]) => [n, v.value]);

  // (a program that cannot be instantiated, a segment out of bounds or a
  // start function that traps, dies of SIGSEGV, as on the native host,
  // where its memory cannot be made: it is never the kernel's failure)
  const instantiate = (m) => {
    if (!m.instance) {
      const { module } = modules.get(m.key);
      if (!invokes.has(m.key)) invokes.set(m.key, invokeImports(module, () => ut));
      try {
        m.instance = new WebAssembly.Instance(module, {
          env: { memory: m.memory, ...invokes.get(m.key) },
          [abi.WASM_USER_IMPORT_MODULE]: {
            [abi.WASM_USER_IMPORT_SYSCALL]: syscall,
            [abi.WASM_USER_IMPORT_FORK]: fork,
            [abi.WASM_USER_IMPORT_LONGJMP]: longjmp,
          },
        });
      } catch {
        throw new UserTrap(SIGSEGV);
      }
    }
    return m.instance;
  };

  // Never returns: the first call on a thread becomes its base, which
  // runs one program after the other (execve throws up to it), from
  // _start or, for a new thread of a process, __wasm_thread_start.
  function run(m, args, entry) {
    ut.next = m;
    ut.nextArgs = args;
    ut.nextEntry = entry;
    if (ut.hasBase) throw new UserRun();
    ut.hasBase = true;
    const kernel = env.kernel();
    const sp = kernel.exports.__stack_pointer.value;
    let sig = 0;
    try {
      for (;;) {
        if (sig) {
          ut.inUser = false;
          kernel.exports.wasm_user_trap(sig);
          env.stop(3, 'a task survived its trap');
        }
        ut.cur = ut.next;
        ut.next = null;
        ut.args = ut.nextArgs;
        ut.entry = ut.nextEntry;
        try {
          const thread = ut.entry === abi.WASM_USER_EXPORT_THREAD;
          ut.inUser = true;
          ut.inst = instantiate(ut.cur);
          if (ut.cur.forked) startForked(ut.cur);
          do ut.inst.exports[ut.entry](ut.args);
          while (forkResume(kernel));
          // it returned: as if it had called exit(0), which ends the
          // thread, or exit_group(0), the process
          ut.inUser = false;
          kernel.exports.wasm_syscall(thread ? abi.NR.exit : abi.NR.exit_group, 0, 0, 0, 0, 0, 0);
          env.stop(3, 'a task survived exit()');
        } catch (e) {
          kernel.exports.__stack_pointer.value = sp;   // skipped epilogues
          ut.fork = FORK_NONE;
          if (e instanceof UserRun) continue;
          sig = ut.inUser || e instanceof UserTrap ? trapSignal(e) : 0;
          if (!sig) throw e;
        }
      }
    } finally {
      // the thread ends (thread_exit) or the host stops
      ut.hasBase = false;
      ut.inUser = false;
      ut.cur = null;
    }
  }

  const ops = {
    // The kernel has checked the module's structure against the ABI;
    // the engine validates the rest (the code, the limits) on the bytes
    // as they are, as the native host's compiler does.  A refusal's
    // reason goes to why, for the kernel's log.
    user_image(segs, nseg, name, why, whySize, idAddr, idLen) {
      // the image found before for the same id of the file's contents
      const id = idLen ? new Uint8Array(memory.buffer, idAddr, idLen).join() : null;
      const parts = [];
      const hit = id && recent.get(id);
      let key;
      if (hit) {
        key = hit[0];
        if (!modules.has(key)) modules.set(key, hit[1]);
      } else {
        const view = new DataView(memory.buffer);
        for (let i = 0; i < nseg; i++) {
          parts.push(new Uint8Array(memory.buffer, view.getUint32(segs + 8 * i, true),
                                    view.getUint32(segs + 8 * i + 4, true)));
        }
        key = contentKey(parts);
      }
      if (!modules.has(key)) {
        const bytes = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
        let off = 0;
        for (const b of parts) { bytes.set(b, off); off += b.length; }
        let prepared, module;
        try {
          if (!WebAssembly.validate(bytes)) new WebAssembly.Module(bytes);   // throws the reason
          prepared = prepareModule(bytes);
          if (!prepared) throw new Error('a module that this host cannot run');
          module = new WebAssembly.Module(prepared.bytes);
        } catch (e) {
          return refuse(kbytes((why >>> 0) + (whySize >>> 0)), why >>> 0, whySize >>> 0, e);
        }
        delete prepared.bytes;
        modules.set(key, { module, ...prepared });
      }
      let i = images.indexOf(key);
      if (i < 0) i = images.push(key) - 1;
      if (id) {
        recent.delete(id);
        recent.set(id, [key, modules.get(key)]);
        if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value);
      }
      return i + 1;
    },
    user_mem_create(image, argsSize, argsPtr) {
      argsSize >>>= 0;
      const key = images[image - 1];
      const mod = modules.get(key);
      // (a memory the engine cannot make fails the exec past its point of
      // no return: the process dies of SIGSEGV, as on the native host)
      let mem, old;
      try {
        // (made at its size: a shared memory's grow updates every
        // memory object of the worker, 5% of a process start's time)
        old = mod.initial;
        mem = new WebAssembly.Memory({ initial: old + Math.ceil(argsSize / PAGE), maximum: mod.maximum, shared: true });
      } catch {
        return 0;
      }
      const h = newHandle(ctl);
      addMem(h, mem, key);
      new DataView(memory.buffer).setUint32(argsPtr, old * PAGE, true);
      return h;
    },
    user_mem_free(h) {
      Atomics.store(ctl, handleCell(h), 1);
      mems.delete(h);
      freeHandle(ctl, h);
    },
    // (addresses and lengths come from wasm's i32, signed: past 2 GiB,
    // a view's subarray would count them from its end)
    user_read(h, addr, uaddr, len) {
      addr >>>= 0; uaddr >>>= 0; len >>>= 0;
      const m = umem(h);
      const left = beyond(m, uaddr, len);
      if (len > left)
        kbytes(addr + len).set(m.u8.subarray(uaddr, uaddr + len - left), addr);
      return left;
    },
    user_write(h, uaddr, addr, len) {
      addr >>>= 0; uaddr >>>= 0; len >>>= 0;
      const m = umem(h);
      const left = beyond(m, uaddr, len);
      if (len > left)
        m.u8.set(kbytes(addr + len).subarray(addr, addr + len - left), uaddr);
      return left;
    },
    user_clear(h, uaddr, len) {
      uaddr >>>= 0; len >>>= 0;
      const m = umem(h);
      const left = beyond(m, uaddr, len);
      if (len > left) memOps(m).clear(uaddr, len - left);
      return left;
    },
    user_strnlen(h, uaddr, max) {
      uaddr >>>= 0; max >>>= 0;
      const m = umem(h);
      const avail = max - beyond(m, uaddr, max);
      const nul = avail ? m.u8.subarray(uaddr, uaddr + avail).indexOf(0) : -1;
      if (nul >= 0) return nul + 1;
      return avail < max ? 0 : max + 1;
    },
    user_run(h, args) {
      run(umem(h), args, abi.WASM_USER_EXPORT_START);
    },
    user_thread_run(h, stack) {
      run(umem(h), stack, abi.WASM_USER_EXPORT_THREAD);
    },
    // The kernel's copy of the memory of this thread, unwound for a fork:
    // the child rewinds it on a worker of its own (user_fork_run), with
    // this thread's globals.  (The program imports its memory shared, so
    // that its child's instance does not write the data segments again.)
    // Only the pages that are not zeros are written (pages.mjs).
    user_mem_fork(h) {
      const p = umem(h);
      if (ut.fork !== FORK_UNWIND || ut.cur !== p) return 0;
      const pages = p.memory.buffer.byteLength / PAGE;
      let mem;
      try {
        mem = new WebAssembly.Memory({ initial: pages, maximum: modules.get(p.key).maximum, shared: true });
      } catch {
        return 0;
      }
      copyDirtyPages(memOps(p).scan, p.memory, mem, pages * PAGE);
      const c = newHandle(ctl);
      addMem(c, mem, p.key, { buf: ut.forkBuf, args: ut.args, entry: ut.entry, globals: globalsOf(ut.inst) });
      return c;
    },
    user_fork_run(h) {
      const m = umem(h);
      run(m, m.forked.args, m.forked.entry);
    },
    // The kernel's compare and exchange in user memory (futexes).
    user_cmpxchg(h, uaddr, old, val, valPtr) {
      const m = umem(h);
      if (uaddr & 3 || beyond(m, uaddr, 4)) return 1;
      const found = Atomics.compareExchange(new Int32Array(m.memory.buffer), uaddr >>> 2, old | 0, val | 0);
      new DataView(memory.buffer).setUint32(valPtr, found >>> 0, true);
      return 0;
    },
    // A worker running a program cannot be interrupted from outside:
    // its signals wait for its next system call.
    user_interrupt() {},
    user_signal(handler, sig, flags) {
      if (!ut.cur) env.stop(3, 'kernel delivered a signal to a thread with no program');
      const f = instantiate(ut.cur).exports[abi.WASM_USER_EXPORT_SIGNAL];
      if (typeof f !== 'function') throw new UserTrap(SIGILL);
      ut.inUser = true;
      ut.signals++;
      try {
        f(handler, sig, flags);
      } finally {
        ut.signals--;
      }
      ut.inUser = false;
    },
  };

  return {
    ops,
    rebind: start,
    // What a new worker made by this one starts with (see the top).
    handOver() {
      const live = [];
      for (const [h, m] of mems) {
        if (freed(h, m)) mems.delete(h);
        else live.push([h, m.memory, m.key, m.forked, m.gen]);
      }
      return { modules: [...modules], mems: live };
    },
  };
}
