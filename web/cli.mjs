#!/usr/bin/env node
// wasmlinux for Node.js: boots the same kernel as the native program, in
// worker threads over one shared memory (see host.mjs).
//   node web/cli.mjs [demo-pipe] [--cat PATH] [--console-input] [kernel parameters...]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { boot } from './boot.mjs';
import { inputWrite, newInput } from './host.mjs';

// the build directory: $WASMLINUX_BUILD, or build/ beside web/
const build = process.env.WASMLINUX_BUILD || fileURLToPath(new URL('../build', import.meta.url));
const dir = new URL('web/', pathToFileURL(resolve(build) + '/'));
const argv = process.argv.slice(2);
const options = [];
const params = [];
let input = null;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--cat') options.push(argv[i], argv[++i]);
  else if (argv[i] === 'demo-pipe') options.push(argv[i]);
  else if (argv[i] === '--console-input') input = newInput();
  else if (argv[i].startsWith('-')) {
    process.stderr.write(`wasmlinux: unknown option '${argv[i]}'\n`);
    process.exit(1);
  } else params.push(argv[i]);
}

let files;
try {
  files = {
    wasm: readFileSync(new URL('kernel-shared.wasm', dir)),
    data: readFileSync(new URL('kernel-data.bin', dir)),
    nr: JSON.parse(readFileSync(new URL('unistd.json', dir), 'utf8')),
  };
} catch (e) {
  process.stderr.write(`wasmlinux: ${e.message} (build it with make web)\n`);
  process.exit(1);
}
if (input) {
  // standard input to the kernel's console; its end reads as ^D (VEOF)
  process.stdin.on('data', (b) => inputWrite(input, b));
  process.stdin.on('end', () => inputWrite(input, [4]));
}
const status = await boot(files, params.join(' '), options, (workerData) =>
  new Worker(new URL('worker-node.mjs', import.meta.url), { workerData }), input);
process.exit(status);
