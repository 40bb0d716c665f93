#!/usr/bin/env node
// A static server for the page, with the cross-origin isolation headers
// shared memory needs.
//   node web/serve.mjs [port (default 8080, 0: any)] [build directory] [extra directory]
// Serves, at /, the page (web/) and the build's web/ directory (the
// terminal in vendor/); at /web/ the build's web/ directory (the kernel);
// /userland/initramfs.cpio; and, if an extra directory is given, its files
// at /extra/ (for the page's load= and file= parameters, see page.mjs).
// A WebSocket at /net relays the page's network to a wasmlinux-net of its
// own (net-relay.mjs); $WASMLINUX_NET is its --net specification (default
// user; none: no relay).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { netRelay } from './net-relay.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const port = Number(process.argv[2] || 8080);
const build = resolve(process.argv[3] || join(here, '../build'));
const extra = process.argv[4] ? resolve(process.argv[4]) : null;
// [URL prefix, directory]: the first that has the file serves it
const roots = [
  ['/', here],
  ['/', join(build, 'web')],
  ['/web/', join(build, 'web')],
  ['/userland/initramfs.cpio', join(build, 'userland/initramfs.cpio')],
  ...(extra ? [['/extra/', extra]] : []),
];
// For the test of the page's refusal: serve without the isolation headers.
const isolate = !process.env.WASMLINUX_NO_ISOLATION;
const types = {
  '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
};

const server = createServer(async (req, res) => {
  let path;
  try { path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)); } catch {
    res.writeHead(400);
    res.end('bad request');
    return;
  }
  if (path === '/') path = '/index.html';
  for (const [prefix, root] of roots) {
    if (prefix.endsWith('/') ? !path.startsWith(prefix) : path !== prefix) continue;
    const file = prefix.endsWith('/') ? join(root, path.slice(prefix.length)) : root;
    if (!file.startsWith(root)) continue;
    try {
      // (no-cache: the browser asks again each time, so that a new build
      // is seen at once; unchanged, the answer is a 304, and the browser
      // uses what it has: for the kernel, its compiled code too)
      const st = await stat(file);
      const etag = `"${st.ino}-${st.size}-${st.mtimeMs}"`;
      const headers = {
        'Cache-Control': 'no-cache',
        ETag: etag,
        ...(isolate ? {
          'Cross-Origin-Opener-Policy': 'same-origin',
          'Cross-Origin-Embedder-Policy': 'require-corp',
        } : {}),
      };
      const known = (req.headers['if-none-match'] || '').split(',').map((t) => t.trim().replace(/^W\//, ''));
      if (known.includes(etag)) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        ...headers,
        'Content-Type': types[extname(file)] || 'application/octet-stream',
        'Content-Length': body.length,
      });
      res.end(body);
      return;
    } catch { /* try the next root */ }
  }
  res.writeHead(404);
  res.end('not found');
});
const netSpec = process.env.WASMLINUX_NET || 'user';
if (netSpec !== 'none') await netRelay(server, build, netSpec);
// port 0: any free port; the address printed is the one to open
server.listen(port, '127.0.0.1', () => {
  console.log(`WasmLinux: http://127.0.0.1:${server.address().port}/`);
});
