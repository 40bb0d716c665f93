// What the host does as the init task, and as the tasks it makes, in the
// Node.js command line (cli.mjs): the same actions as the native
// wasmlinux program.
const AT_FDCWD = -100;
const SIGCHLD = 17;

function cstr(k, addr, s) {
  const b = new TextEncoder().encode(s);
  new Uint8Array(k.memory.buffer, addr, b.length + 1).set([...b, 0]);
  return addr;
}

function mountStandard(k, scratch) {
  for (const [type, dir] of [['proc', '/proc'], ['sysfs', '/sys'], ['devtmpfs', '/dev'], ['tmpfs', '/tmp']]) {
    k.syscall(k.nr.mkdirat, AT_FDCWD, cstr(k, scratch + 256, dir), 0o755);
    k.syscall(k.nr.mount, cstr(k, scratch, type), scratch + 256, scratch, 0, 0);
  }
}

function cat(k, scratch, path) {
  const fd = k.syscall(k.nr.openat, AT_FDCWD, cstr(k, scratch, path), 0, 0);
  if (fd < 0) {
    k.write(2, `wasmlinux: --cat ${path}: error ${-fd}\n`);
    return 1;
  }
  let n;
  while ((n = k.syscall(k.nr.read, fd, scratch + 4096, 4096)) > 0)
    k.write(1, new Uint8Array(k.memory.buffer, scratch + 4096, n).slice());
  k.syscall(k.nr.close, fd);
  return n < 0 ? 1 : 0;
}

function demoPipe(k, scratch) {
  if (k.syscall(k.nr.pipe2, scratch, 0) < 0) return 1;
  const [r, w] = new Int32Array(k.memory.buffer, scratch, 2);
  const pid = k.clone(SIGCHLD, { action: 'demo-child', fd: w });
  k.write(1, `demo-pipe: pid ${k.syscall(k.nr.getpid)} made pipe [${r}, ${w}], started pid ${pid}\n`);
  k.syscall(k.nr.close, w);
  let got = '';
  let n;
  while ((n = k.syscall(k.nr.read, r, scratch + 4096, 256)) > 0)
    got += new TextDecoder().decode(new Uint8Array(k.memory.buffer, scratch + 4096, n).slice());
  k.syscall(k.nr.close, r);
  k.write(1, `demo-pipe: host read "${got}"\n`);
  return got ? 0 : 1;
}

export function hostTask(k, spawn) {
  if (spawn.action === 'demo-child') {
    const buf = k.alloc(64);
    const msg = `hello from pid ${k.syscall(k.nr.getpid)}`;
    cstr(k, buf, msg);
    k.syscall(k.nr.write, spawn.fd, buf, msg.length);
    k.free(buf);
  }
}

export function hostMain(k, argv) {
  const scratch = k.alloc(65536);
  let status = 0;
  k.write(2, `wasmlinux: booted; this thread is init (pid ${k.syscall(k.nr.getpid)})\n`);
  mountStandard(k, scratch);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--cat') status |= cat(k, scratch, argv[++i]);
    else if (argv[i] === 'demo-pipe') status |= demoPipe(k, scratch);
  }
  if (status) k.stop(status, '');
  k.syscall(k.nr.reboot, 0xfee1dead | 0, 672274793, 0x4321fedc, 0);
  k.stop(1, 'power off failed');
}
