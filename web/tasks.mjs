// What the host does as the init task, and as the tasks it makes, in the
// Node.js command line (cli.mjs) and the page: the same actions as the
// native wasmlinux program (runtime/main.c, hostfs.c, stdio.c).
import { PUMPS, PUMPS_DONE } from './control.mjs';
import abi from './kernel-abi.mjs';

const {
  NR, AT_FDCWD, SIGCHLD, SA_NOCLDWAIT, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_CLOEXEC,
  PATH_MAX, EEXIST, EIO, EINVAL, ENOSPC, S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, _NSIG,
  SIZEOF_SYSINFO, SYSINFO_TOTALRAM, SYSINFO_FREERAM, SYSINFO_MEM_UNIT,
  O_DIRECTORY, O_NOFOLLOW, AT_SYMLINK_NOFOLLOW, STATX_MODE, STATX_STX_MODE,
  DIRENT_D_RECLEN, DIRENT_D_NAME, ENAMETOOLONG,
} = abi;
const CHUNK = 65536;

// The messages of the errors the host reports (as the C library's).
const ERRORS = {
  [abi.EPERM]: 'Operation not permitted', [abi.ENOENT]: 'No such file or directory',
  [abi.EIO]: 'I/O error', [abi.E2BIG]: 'Argument list too long',
  [abi.ENOEXEC]: 'Exec format error', [abi.EBADF]: 'Bad file descriptor',
  [abi.ENOMEM]: 'Out of memory', [abi.EACCES]: 'Permission denied', [abi.EFAULT]: 'Bad address',
  [abi.EEXIST]: 'File exists', [abi.ENOTDIR]: 'Not a directory', [abi.EISDIR]: 'Is a directory',
  [abi.EINVAL]: 'Invalid argument', [abi.EMFILE]: 'Too many open files',
  [abi.ENOSPC]: 'No space left on device', [abi.ENAMETOOLONG]: 'File name too long',
  [abi.ELOOP]: 'Too many symbolic links encountered',
};
export const strerror = (e) => ERRORS[e] || `error ${e}`;

function cstr(k, addr, s) {
  const b = new TextEncoder().encode(s);
  new Uint8Array(k.memory.buffer, addr, b.length + 1).set([...b, 0]);
  return addr;
}

// (as runtime/api.c: /tmp is everyone's, 1777, which the NOMMU kernel's
// tmpfs, a ramfs, is not unless told)
function mountStandard(k, scratch) {
  for (const [type, dir, data] of [['proc', '/proc', ''], ['sysfs', '/sys', ''], ['devtmpfs', '/dev', ''],
                                   ['tmpfs', '/tmp', 'mode=1777']]) {
    k.syscall(NR.mkdirat, AT_FDCWD, cstr(k, scratch + 256, dir), 0o755);
    k.syscall(NR.mount, cstr(k, scratch, type), scratch + 256, scratch, 0, cstr(k, scratch + 512, data));
  }
}

// Children of init are reaped as they exit (SIGCHLD with SA_NOCLDWAIT).
function reapChildren(k, scratch) {
  // struct sigaction: handler, flags, restorer, mask
  new Uint32Array(k.memory.buffer, scratch, 4).set([0, SA_NOCLDWAIT, 0, 0]);
  k.syscall(NR.rt_sigaction, SIGCHLD, scratch, 0, _NSIG / 8);
}

function cat(k, scratch, path) {
  const fd = k.syscall(NR.openat, AT_FDCWD, cstr(k, scratch, path), O_RDONLY, 0);
  if (fd < 0) {
    k.write(2, `wasmlinux: --cat ${path}: ${strerror(-fd)}\n`);
    return 1;
  }
  let n;
  while ((n = k.syscall(NR.read, fd, scratch + 4096, 4096)) > 0)
    k.write(1, new Uint8Array(k.memory.buffer, scratch + 4096, n).slice());
  k.syscall(NR.close, fd);
  return n < 0 ? 1 : 0;
}

function demoPipe(k, scratch) {
  if (k.syscall(NR.pipe2, scratch, 0) < 0) return 1;
  const [r, w] = new Int32Array(k.memory.buffer, scratch, 2);
  const pid = k.clone(SIGCHLD, { action: 'demo-child', fd: w });
  k.write(1, `demo-pipe: pid ${k.syscall(NR.getpid)} made pipe [${r}, ${w}], started pid ${pid}\n`);
  k.syscall(NR.close, w);
  let got = '';
  let n;
  while ((n = k.syscall(NR.read, r, scratch + 4096, 256)) > 0)
    got += new TextDecoder().decode(new Uint8Array(k.memory.buffer, scratch + 4096, n).slice());
  k.syscall(NR.close, r);
  k.write(1, `demo-pipe: host read "${got}"\n`);
  return got ? 0 : 1;
}

// --load: files into the kernel's filesystem through system calls, from a
// cpio archive (newc) or a host directory read by the caller:
// { cpio: Uint8Array, dest } or { entries: [{ path, type: 'dir'|'file'|
// 'symlink', mode, data, target }], dest }.
class Loader {
  constructor(k) {
    this.k = k;
    this.base = k.alloc(PATH_MAX + CHUNK);   // a path, then data
    this.data = this.base + PATH_MAX;
  }

  path(p) {
    if (new TextEncoder().encode(p).length >= PATH_MAX) return 0;
    return cstr(this.k, this.base, p);
  }

  sys(nr, ...a) { return this.k.syscall(nr, ...a); }

  // Whether n more bytes of files fit in the kernel's memory, leaving it
  // a sixteenth of it (4 MiB at least), as runtime/hostfs.c's kroom: the
  // root's files are memory, and past its end the OOM killer would kill
  // a process of the boot instead.
  room(n) {
    if (this.sys(NR.sysinfo, this.data) < 0) return true;
    const v = new DataView(this.k.memory.buffer, this.data, SIZEOF_SYSINFO);
    const unit = v.getUint32(SYSINFO_MEM_UNIT, true) || 1;
    const total = v.getUint32(SYSINFO_TOTALRAM, true) * unit;
    const free = v.getUint32(SYSINFO_FREERAM, true) * unit;
    const reserve = Math.max(total / 16, 4 << 20);
    return free > reserve && n <= free - reserve;
  }

  mkdirs(path, mode) {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) {
      const ret = this.sys(NR.mkdirat, AT_FDCWD, this.path('/' + parts.slice(0, i).join('/')),
                           i === parts.length ? mode : 0o755);
      if (ret < 0 && ret !== -EEXIST) return ret;
    }
    return 0;
  }

  // a new file, which replaces one of that name (it may be running)
  file(path, mode, data) {
    if (!this.room(data.length)) return -ENOSPC;
    this.sys(NR.unlinkat, AT_FDCWD, this.path(path), 0);
    const fd = this.sys(NR.openat, AT_FDCWD, this.path(path), O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0) return fd;
    let ret = 0;
    for (let off = 0; off < data.length && ret >= 0; off += CHUNK) {
      const piece = data.subarray(off, off + CHUNK);
      new Uint8Array(this.k.memory.buffer, this.data, piece.length).set(piece);
      ret = this.sys(NR.write, fd, this.data, piece.length);
      if (ret >= 0 && ret !== piece.length) ret = -EIO;
    }
    this.sys(NR.fchmodat, AT_FDCWD, this.path(path), mode, 0);
    this.sys(NR.close, fd);
    return ret < 0 ? ret : 0;
  }

  symlink(path, target) {
    cstr(this.k, this.data, target);
    const ret = this.sys(NR.symlinkat, this.data, AT_FDCWD, this.path(path));
    return ret === -EEXIST ? 0 : ret;
  }

  cpio(b, dest) {
    const text = (off, n) => new TextDecoder().decode(b.subarray(off, off + n));
    const hex = (off) => parseInt(text(off, 8), 16);
    let ret = this.mkdirs(dest, 0o755);
    for (let off = 0; ret >= 0 && off + 110 <= b.length;) {
      const h = off;
      const magic = text(off, 6);
      if (magic !== '070701' && magic !== '070702') return -EINVAL;
      const mode = hex(off + 14), size = hex(off + 54), namesize = hex(off + 94);
      if (!namesize || off + 110 + namesize > b.length) return -EINVAL;
      let name = text(off + 110, namesize - 1);
      const data = off + 110 + namesize + (4 - (110 + namesize) % 4) % 4;
      off = data + size + (4 - size % 4) % 4;
      if (name === 'TRAILER!!!') return 0;
      while (name.startsWith('./')) name = name.slice(2);
      const full = `${dest === '/' ? '' : dest}/${name === '.' ? '' : name}`;
      switch (mode & S_IFMT) {
        case S_IFDIR: ret = this.mkdirs(full, mode & 0o7777); break;
        case S_IFREG: ret = this.file(full, mode & 0o7777, b.subarray(data, data + size)); break;
        case S_IFLNK: ret = this.symlink(full, text(data, size)); break;
        default:       // devices and fifos
          ret = this.sys(NR.mknodat, AT_FDCWD, this.path(full), mode,
                         (hex(h + 78) << 8) | hex(h + 86));
      }
      if (ret === -EEXIST) ret = 0;
    }
    return ret < 0 ? ret : -EINVAL;   // no trailer: cut short or not cpio
  }

  entries(list, dest) {
    let ret = this.mkdirs(dest, 0o755);
    for (const e of list) {
      if (ret < 0) break;
      const full = `${dest === '/' ? '' : dest}/${e.path}`;
      if (e.type === 'dir') ret = this.mkdirs(full, e.mode);
      else if (e.type === 'file') ret = this.file(full, e.mode, e.data);
      else if (e.type === 'symlink') ret = this.symlink(full, e.target);
    }
    return ret;
  }
}

function load(k, what) {
  const l = new Loader(k);
  const ret = what.cpio ? l.cpio(what.cpio, what.dest) : l.entries(what.entries, what.dest);
  k.free(l.base);
  if (ret === -ENOSPC) {
    k.write(2, `wasmlinux: --load ${what.name}: its files do not fit in the system's memory (give a larger mem=)\n`);
  } else if (ret < 0) {
    k.write(2, `wasmlinux: --load ${what.name}: ${strerror(-ret)}\n`);
  }
  return ret < 0 ? 1 : 0;
}

// --sleep MS: as the init task (a struct __kernel_timespec: two 64-bit
// words)
function sleepMs(k, scratch, ms) {
  const v = new DataView(k.memory.buffer, scratch, 16);
  v.setBigInt64(0, BigInt(Math.floor(ms / 1000)), true);
  v.setBigInt64(8, BigInt((ms % 1000) * 1000000), true);
  const start = k.now();
  const ret = k.syscall(NR.clock_nanosleep_time64, abi.CLOCK_MONOTONIC, 0, scratch, 0);
  if (ret < 0) {
    k.write(2, `wasmlinux: sleep: ${strerror(-ret)}\n`);
    return 1;
  }
  k.write(1, `wasmlinux: slept ${ms} ms in ${(Number(k.now() - start) / 1e6).toFixed(3)} ms\n`);
  return 0;
}

// --copy-out PATH:HOST: a file or tree of the kernel's to the host (as
// runtime/hostfs.c's copy_out), through files, the platform's host files
// (Node.js only): { mkdir(path, mode), symlink(target, path),
// create(path) -> fd, write(fd, bytes), close(fd), chmod(path, mode) },
// which throw Node's errors.  Returns 0 or -errno.  scratch: 64 KiB, a
// path in the first PATH_MAX bytes, data after them.
function copyOut(k, scratch, files, src, host) {
  const data = scratch + PATH_MAX;
  if (new TextEncoder().encode(src).length >= PATH_MAX) return -ENAMETOOLONG;
  const hostCall = (f) => {
    try { f(); return 0; } catch (e) { return -(abi[e.code] || EIO); }
  };
  let ret = k.syscall(NR.statx, AT_FDCWD, cstr(k, scratch, src), AT_SYMLINK_NOFOLLOW, STATX_MODE, data);
  if (ret < 0) return ret;
  const mode = new DataView(k.memory.buffer).getUint16(data + STATX_STX_MODE, true);
  if ((mode & S_IFMT) === S_IFDIR) {
    ret = hostCall(() => files.mkdir(host, mode & 0o7777));
    if (ret < 0) return ret;
    const fd = k.syscall(NR.openat, AT_FDCWD, cstr(k, scratch, src), O_RDONLY | O_DIRECTORY, 0);
    if (fd < 0) return fd;
    // the names first: the data area is used again below
    const names = [];
    let n;
    while ((n = k.syscall(NR.getdents64, fd, data, CHUNK - PATH_MAX)) > 0) {
      const b = new Uint8Array(k.memory.buffer, data, n), v = new DataView(b.buffer, data, n);
      for (let off = 0; off < n; off += v.getUint16(off + DIRENT_D_RECLEN, true)) {
        const at = off + DIRENT_D_NAME;
        const name = new TextDecoder().decode(b.subarray(at, b.indexOf(0, at)));
        if (name !== '.' && name !== '..') names.push(name);
      }
    }
    k.syscall(NR.close, fd);
    ret = n < 0 ? n : 0;
    for (const name of names) {
      if (ret < 0) break;
      ret = copyOut(k, scratch, files, `${src === '/' ? '' : src}/${name}`, `${host}/${name}`);
    }
    return ret;
  }
  if ((mode & S_IFMT) === S_IFLNK) {
    const n = k.syscall(NR.readlinkat, AT_FDCWD, cstr(k, scratch, src), data, CHUNK - PATH_MAX);
    if (n < 0) return n;
    const target = new TextDecoder().decode(new Uint8Array(k.memory.buffer, data, n).slice());
    return hostCall(() => files.symlink(target, host));
  }
  const fd = k.syscall(NR.openat, AT_FDCWD, cstr(k, scratch, src), O_RDONLY | O_NOFOLLOW, 0);
  if (fd < 0) return fd;
  let out;
  ret = hostCall(() => { out = files.create(host); });
  let n = 0;
  while (ret >= 0 && (n = k.syscall(NR.read, fd, data, CHUNK - PATH_MAX)) > 0) {
    const bytes = new Uint8Array(k.memory.buffer, data, n).slice();
    ret = hostCall(() => files.write(out, bytes));
  }
  if (n < 0 && ret >= 0) ret = n;
  k.syscall(NR.close, fd);
  if (out !== undefined) {
    const closed = hostCall(() => files.close(out));
    if (ret >= 0) ret = closed;
    hostCall(() => files.chmod(host, mode & 0o7777));
  }
  return ret;
}

// Standard streams that are not a terminal become pipes of init, each
// with a small process of its own that copies between the host and the
// kernel (as runtime/stdio.c).
function stdioPipe(k, scratch, fd) {
  const ret = k.syscall(NR.pipe2, scratch, O_CLOEXEC);
  if (ret < 0) return ret;
  const [r, w] = new Int32Array(k.memory.buffer, scratch, 2);
  const mine = fd === 0 ? r : w, theirs = fd === 0 ? w : r;
  if (fd) Atomics.add(k.ctl, PUMPS, 1);
  let res = k.clone(SIGCHLD, { action: 'pump', fd: theirs, hostFd: fd });
  if (res < 0 && fd) Atomics.sub(k.ctl, PUMPS, 1);
  if (res >= 0) res = k.syscall(NR.dup3, mine, fd, 0);
  k.syscall(NR.close, mine);
  k.syscall(NR.close, theirs);
  return res < 0 ? res : 0;
}

function pump(k, fd, hostFd) {
  const buf = k.alloc(CHUNK);
  k.syscall(NR.close_range, 0, fd - 1, 0);
  k.syscall(NR.close_range, fd + 1, -1, 0);
  if (hostFd === 0) {
    const host = new Uint8Array(CHUNK);
    let n;
    while ((n = k.read(0, host)) > 0) {
      new Uint8Array(k.memory.buffer, buf, n).set(host.subarray(0, n));
      let off = 0, w = 1;
      while (off < n && (w = k.syscall(NR.write, fd, buf + off, n - off)) > 0) off += w;
      if (w <= 0) break;
    }
  } else {
    let n;
    while ((n = k.syscall(NR.read, fd, buf, CHUNK)) > 0)
      k.write(hostFd, new Uint8Array(k.memory.buffer, buf, n).slice());
  }
  k.free(buf);
  if (hostFd) {
    Atomics.add(k.ctl, PUMPS_DONE, 1);
    Atomics.notify(k.ctl, PUMPS_DONE);
  }
}

// init becomes the program: execve returns only if it fails.
function execInit(k, scratch, argv) {
  let at = scratch + 8192;
  const ptrs = argv.map((a) => { const p = cstr(k, at, a); at += new TextEncoder().encode(a).length + 1; return p; });
  at = (at + 3) & ~3;
  new Uint32Array(k.memory.buffer, at, argv.length + 2).set([...ptrs, 0, 0]);
  const ret = k.syscall(NR.execve, ptrs[0], at, at + 4 * argv.length + 4);
  k.write(2, `wasmlinux: --exec ${argv[0]}: ${strerror(-ret)}\n`);
  return 1;
}

export function hostTask(k, spawn) {
  if (spawn.action === 'demo-child') {
    const buf = k.alloc(64);
    const msg = `hello from pid ${k.syscall(NR.getpid)}`;
    cstr(k, buf, msg);
    k.syscall(NR.write, spawn.fd, buf, msg.length);
    k.free(buf);
  } else if (spawn.action === 'pump') {
    pump(k, spawn.fd, spawn.hostFd);
  }
}

// argv: the actions, in native order: [--shell] [--pipes 0,1,2]
// [--cat PATH]... [--sleep MS] [demo-pipe] [--copy-out PATH:HOST]
// [--exec PATH ARG...]; loaded: what to copy into the filesystem first,
// in order (see Loader).
export function hostMain(k, argv, loaded) {
  const scratch = k.alloc(65536);
  let status = 0, shell = false, pipes = [], exec = null;
  const cats = [];
  let demo = false, sleep = null, out = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cat') cats.push(argv[++i]);
    else if (argv[i] === '--sleep') sleep = Number(argv[++i]);
    else if (argv[i] === '--copy-out') out = argv[++i];
    else if (argv[i] === 'demo-pipe') demo = true;
    else if (argv[i] === '--shell') shell = true;
    else if (argv[i] === '--pipes') pipes = argv[++i].split(',').filter(Boolean).map(Number);
    else if (argv[i] === '--exec') { exec = argv.slice(i + 1); break; }
  }
  if (!shell) k.write(2, `wasmlinux: booted; this thread is init (pid ${k.syscall(NR.getpid)})\n`);
  mountStandard(k, scratch);
  reapChildren(k, scratch);
  for (const what of loaded || []) if (!status) status |= load(k, what);
  for (const path of cats) status |= cat(k, scratch, path);
  if (sleep !== null) status |= sleepMs(k, scratch, sleep);
  if (demo) status |= demoPipe(k, scratch);
  if (out !== null) {
    // (split at the last colon, as the native program does)
    const colon = out.lastIndexOf(':');
    const ret = k.files
      ? copyOut(k, scratch, k.files, out.slice(0, colon), out.slice(colon + 1))
      : -abi.ENOSYS;
    if (ret < 0) {
      k.write(2, `wasmlinux: --copy-out ${out}: ${strerror(-ret)}\n`);
      status = 1;
    }
  }
  for (const fd of pipes) {
    if (status) break;
    const ret = stdioPipe(k, scratch, fd);
    if (ret < 0) {
      k.write(2, `wasmlinux: a pipe for descriptor ${fd}: ${strerror(-ret)}\n`);
      status = 1;
    }
  }
  if (exec && !status) status |= execInit(k, scratch, exec);
  if (status) k.stop(status, '');
  k.syscall(NR.reboot, abi.LINUX_REBOOT_MAGIC1, abi.LINUX_REBOOT_MAGIC2, abi.LINUX_REBOOT_CMD_POWER_OFF, 0);
  k.stop(1, 'power off failed');
}
