#!/usr/bin/env node
// wasmlinux for Node.js: boots the same kernel as the native program, in
// worker threads over one shared memory (see host.mjs).
//   node web/cli.mjs [demo-pipe] [--cat PATH] [kernel parameters...]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { memAlloc, newControl, STACK_SIZE } from './host.mjs';

// the build directory: $WASMLINUX_BUILD, or build/ beside web/
const build = process.env.WASMLINUX_BUILD || fileURLToPath(new URL('../build', import.meta.url));
const dir = new URL('web/', pathToFileURL(resolve(build) + '/'));
const argv = process.argv.slice(2);
const options = [];
const params = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--cat') options.push(argv[i], argv[++i]);
  else if (argv[i] === 'demo-pipe') options.push(argv[i]);
  else if (argv[i].startsWith('-')) {
    process.stderr.write(`wasmlinux: unknown option '${argv[i]}'\n`);
    process.exit(1);
  } else params.push(argv[i]);
}

const module = await WebAssembly.compile(readFileSync(new URL('kernel-shared.wasm', dir)));
const nr = JSON.parse(readFileSync(new URL('unistd.json', dir), 'utf8'));
const data = readFileSync(new URL('kernel-data.bin', dir));
const initial = 16 << 20;   // WASM_INITIAL_MEMORY
const memory = new WebAssembly.Memory({ initial: initial / 65536, maximum: 65536, shared: true });
const bytes = new Uint8Array(memory.buffer);
for (let off = 0; off < data.length;) {
  const addr = data.readUInt32LE(off);
  const len = data.readUInt32LE(off + 4);
  bytes.set(data.subarray(off + 8, off + 8 + len), addr);
  off += 8 + len;
}

const ctl = newControl();
ctl[3] = initial;                      // memory break
ctl[2] = 1;                            // handle 1: this boot thread
const stack = memAlloc(ctl, memory, STACK_SIZE);
new Worker(new URL('worker.mjs', import.meta.url), {
  workerData: { module, memory, ctl, nr, role: 'boot', handle: 1, stack,
                cmdline: params.join(' '), argv: options },
});

const { value } = Atomics.waitAsync(ctl, 0, 0);
await value;
process.exit(ctl[1]);
