#!/usr/bin/env node
// A static server for the page, with the cross-origin isolation headers
// shared memory needs.  Serves web/ and the build's web/ directory.
//   node web/serve.mjs [port] [build directory]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.argv[2] || 8080);
const roots = [here, join(resolve(process.argv[3] || join(here, '../build')), 'web')];
// For the test of the page's refusal: serve without the isolation headers.
const isolate = !process.env.WASMLINUX_NO_ISOLATION;
const types = {
  '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
};

createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
  const rel = path === '/' ? 'index.html' : path.replace(/^\/+/, '');
  for (const root of roots) {
    const file = join(root, rel);
    if (!file.startsWith(root)) break;
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': types[extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-cache',
        ...(isolate ? {
          'Cross-Origin-Opener-Policy': 'same-origin',
          'Cross-Origin-Embedder-Policy': 'require-corp',
        } : {}),
      });
      res.end(body);
      return;
    } catch { /* try the next root */ }
  }
  res.writeHead(404);
  res.end('not found');
}).listen(port, '127.0.0.1', () => {
  console.log(`WasmLinux: http://127.0.0.1:${port}/`);
});
