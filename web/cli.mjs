#!/usr/bin/env node
// wasmlinux for Node.js: boots the same kernel as the native program, in
// worker threads over one shared memory (see host-ops.mjs), with the native
// program's command line (runtime/main.c; --help).
import { fstatSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { boot, bootShell, consoleControl, INITRAMFS, kernelFiles } from './boot.mjs';
import { build } from './build-dir.mjs';
import abi from './kernel-abi.mjs';
import { inputWriter, newInput } from './console-input.mjs';
import { newDisk } from './disk.mjs';
import { startNet } from './net-node.mjs';
import { BOOT_WORKERS, workerPool } from './pool.mjs';
import { strerror } from './tasks.mjs';

const usage = `usage: node web/cli.mjs [demo-pipe] [options] [kernel parameters...]
Boots Linux (WebAssembly) in Node.js worker threads with the given kernel
command line.  With no action below, loads the initramfs and runs its /init
(a BusyBox shell on the console); a script can be piped in, and the exit
status is the shell's.
  --initramfs FILE  the cpio archive to boot (default: the one in the build
               directory, userland/initramfs.cpio)
  --halt       boot, then power off at once
demo-pipe: a new process writes into a pipe made in the kernel, the host
  reads it back
options:
  --load HOST[:DIR]  before anything else (after the initramfs), copy a
               host directory or cpio archive into the kernel's root (or DIR);
               repeatable, in order
  --copy-out PATH:HOST  at the end, copy a file or tree out to the host
  --cat PATH   after boot, print the file PATH
  --sleep MS   after boot, sleep MS milliseconds as the init task
  --console-input  forward standard input to the kernel's console
  --exec PATH [ARG...]  last: init executes the program PATH with the
               arguments that follow; the exit status is init's
  --disk FILE[,ro]  a host file as the next disk, /dev/vda, /dev/vdb, ...
               (repeatable; ro: read-only); root=/dev/vda boots from one
  --net SPEC   the network behind eth0, as the native program's: user (the
               default), user,hostfwd=tcp:[HOSTADDR]:PORT-:PORT..., none;
               through build/bin/wasmlinux-net, a child process
  --cache DIR, --no-cache  accepted for the native command line's sake:
               the web host compiles programs in memory and keeps none
               (--stats, the native runtime's counters, is not offered)
  --help       this text
The build directory is $WASMLINUX_BUILD, or build/ beside web/.
exit status: 0 power off, 1 error, 2 kernel panic, 3 wasm trap in the
  kernel; with --exec, init's exit status (128 + signal if killed)
`;

const fail = (msg) => { process.stderr.write(`wasmlinux: ${msg}\n`); process.exit(1); };

const argv = process.argv.slice(2);
// (tasks.mjs does the actions in the native program's order, whatever theirs)
const actions = [];
const params = [];
const diskArgs = [];
const loadArgs = [];
let consoleInput = false, shell = true, initramfs = null, exec = null, netSpec = 'user';
for (let i = 0; i < argv.length; i++) {
  const a = argv[i], more = i + 1 < argv.length;
  if (a === 'demo-pipe') { actions.push(a); shell = false; }
  else if (a === '--halt') shell = false;
  else if (a === '--initramfs' && more) initramfs = argv[++i];
  else if (a === '--help' || a === '-h') { process.stdout.write(usage); process.exit(0); }
  else if (a === '--console-input') { consoleInput = true; shell = false; }
  else if (a === '--cat' && more) { actions.push(a, argv[++i]); shell = false; }
  else if (a === '--sleep' && more) {
    if (!/^[0-9]+$/.test(argv[++i])) fail(`--sleep needs milliseconds, not '${argv[i]}'`);
    actions.push(a, argv[i]);
    shell = false;
  } else if (a === '--copy-out' && more) {
    if (!argv[++i].includes(':')) fail(`--copy-out needs PATH:HOST, not '${argv[i]}'`);
    actions.push(a, argv[i]);
    shell = false;
  }
  else if (a === '--load' && more) loadArgs.push(argv[++i]);
  else if (a === '--net' && more) netSpec = argv[++i];
  else if (a === '--disk' && more) diskArgs.push(argv[++i]);
  else if (a === '--cache' && more) i++;
  else if (a === '--no-cache') { /* nothing is cached here */ }
  else if (a === '--exec' && more) { exec = argv.slice(i + 1); shell = false; break; }
  else if (a.startsWith('-')) fail(`unknown option '${a}' (see --help)`);
  else params.push(a);
}

// --load HOST[:DIR]: a cpio archive's bytes, or a host directory's entries
function readLoad(arg) {
  const colon = arg.lastIndexOf(':');
  const host = colon >= 0 ? arg.slice(0, colon) : arg;
  const dest = colon >= 0 ? arg.slice(colon + 1) : '/';
  let st;
  try { st = statSync(host); } catch (e) { fail(`--load ${arg}: ${e.message}`); }
  if (!st.isDirectory()) return { name: arg, dest, cpio: readFileSync(host) };
  const entries = [];
  const walk = (h, rel) => {
    for (const name of readdirSync(h)) {
      const path = join(h, name), r = rel ? `${rel}/${name}` : name;
      const s = lstatSync(path);
      if (s.isDirectory()) { entries.push({ path: r, type: 'dir', mode: 0o755 }); walk(path, r); }
      else if (s.isFile()) entries.push({ path: r, type: 'file', mode: s.mode & 0o7777, data: readFileSync(path) });
      else if (s.isSymbolicLink()) entries.push({ path: r, type: 'symlink', target: readlinkSync(path) });
    }
  };
  walk(host, '');
  return { name: arg, dest, entries };
}

let input = consoleInput ? newInput() : null;
let pipes = [];
if (shell) {
  initramfs ||= join(build, INITRAMFS);
  try { statSync(initramfs); } catch {
    fail(`no initramfs at ${initramfs} (build it with make, or give --initramfs FILE)`);
  }
  // standard streams that are not a terminal become pipes of init
  pipes = [0, 1, 2].filter((fd) => !isatty(fd));
  if (isatty(0)) input = newInput();
  // output that is not a terminal carries the programs' bytes only
  const line = params.join(' ');
  if (!isatty(1) && !line.includes('loglevel=') && !line.includes('quiet')) params.push('quiet');
}
if (exec) actions.push('--exec', ...exec);
const extra = loadArgs.map(readLoad);

const get = (path) => {
  try { return readFileSync(join(build, path)); } catch (e) { fail(`${e.message} (build it with make web)`); }
};

let raw = false;
if (input) {
  if (shell && process.stdin.isTTY) {
    // a terminal: raw mode, the kernel's line discipline does the rest
    process.stdin.setRawMode(true);
    raw = true;
  }
  // standard input to the kernel's console; its end reads as ^D (VEOF)
  const write = inputWriter(input);
  process.stdin.on('data', (b) => write(b));
  process.stdin.on('end', () => write([4]));
}

// the terminal's size, for TIOCGWINSZ; a change raises the console interrupt
const tty = [process.stdout, process.stderr].find((s) => s.isTTY);
const size = () => (tty && tty.rows && tty.columns ? [tty.rows, tty.columns] : null);
const onResize = tty && ((f) => tty.on('resize', f));
// The worker's modules in one file (web/build.mk), if the build's was
// made from these (its first line names their folder) and is newer than
// every one of them: a worker loads it faster than the twenty it holds,
// one by one (about 4 ms of a boot a worker, on two cores).  The bundle
// finds the build directory through $WASMLINUX_BUILD, given below.
function workerModule() {
  const here = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');
  const bundle = join(build, 'web/worker-node-bundle.mjs');
  const modules = new URL('worker-node.mjs', import.meta.url);
  try {
    const made = statSync(bundle).mtimeMs;
    if (!readFileSync(bundle, 'utf8').startsWith(`// bundled from ${here}\n`)) return modules;
    const fresh = readdirSync(here).every((f) => !f.endsWith('.mjs') || statSync(join(here, f)).mtimeMs <= made);
    return fresh ? pathToFileURL(bundle) : modules;
  } catch {
    return modules;
  }
}
const workerUrl = workerModule();
const start = workerPool((onMessage) => {
  // (a call stack of 16 MiB, not a worker's 4: V8's frames of wasm
  // code are larger than the native host's C frames on its 8 MiB
  // threads, and a recursion that fits there (bash's func4.sub, 200
  // nested shell functions) needs more than 8 here)
  const w = new Worker(workerUrl, {
    resourceLimits: { stackSizeMb: 16 },
    env: { ...process.env, WASMLINUX_BUILD: build },
  });
  w.on('message', onMessage);
  return (data) => w.postMessage(data);
}, BOOT_WORKERS);

// --disk FILE[,ro]: open now, so that a bad one is an error before boot
const disks = diskArgs.map((arg) => {
  const readonly = arg.endsWith(',ro');
  const path = readonly ? arg.slice(0, -3) : arg;
  let fd;
  try { fd = openSync(path, readonly ? 'r' : 'r+'); } catch (e) {
    fail(`disk ${path}: ${abi[e.code] ? strerror(abi[e.code]) : e.message}`);
  }
  const st = fstatSync(fd);
  if (!st.isFile() && !st.isBlockDevice()) fail(`disk ${path}: not a file`);
  const size = Math.floor(st.size / 512) * 512;
  if (!size) fail(`disk ${path}: smaller than a sector (512 bytes)`);
  return newDisk({ fd, size, readonly });
});
let net;
try { net = await startNet(build, netSpec); } catch (e) {
  if (e.message) fail(e.message);
  process.exit(1);   // the backend has said why
}
const status = shell
  ? await bootShell(get, readFileSync(initramfs), start, input, { params, pipes, extra, size, onResize, net, disks })
  : await boot(await kernelFiles(get), params.join(' '), actions, start, input,
               { load: extra, net, disks, control: consoleControl(input, size, onResize) });
if (raw) process.stdin.setRawMode(false);
process.exit(status);
