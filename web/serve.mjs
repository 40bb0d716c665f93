#!/usr/bin/env node
// A static server for the page, with the cross-origin isolation headers
// shared memory needs.
//   node web/serve.mjs [port (default 8080, 0: any)] [build directory] [extra directory]
// Serves, at /, the page (web/) and the build's web/ directory (the
// terminal in vendor/); at /web/ the build's web/ directory (the kernel);
// /userland/initramfs.cpio; and, if an extra directory is given, its files
// at /extra/ (for the page's load= and file= parameters, see page.mjs).
// What is at / is also at /v/VERSION/, for index.html's page.mjs (below).
// A WebSocket at /net relays the page's network to a wasmlinux-net of its
// own (net-relay.mjs); $WASMLINUX_NET is its --net specification (default
// user; none: no relay).
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
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

// The page's modules come from /v/VERSION/, VERSION naming the state of
// the files at / (names, sizes, times), which the browser may keep without
// asking again: index.html, asked each time, names the version of now.
// Every worker of the page imports some twenty modules, two dozen
// workers at a boot; asked each time (a 304 each), a later visit took
// 300-400 ms longer.  Only the roots' own files are kept (the version
// does not see into their folders); other versions get no-cache.  (A
// file changed while a page runs is kept under the old version until
// index.html is asked for again, which then names a new one.)
const pageRoots = roots.filter(([prefix]) => prefix === '/').map(([, root]) => root);
let version = '';
async function currentVersion() {
  const h = createHash('sha256');
  for (const root of pageRoots) {
    for (const name of (await readdir(root)).sort()) {
      // (one that went since the readdir, as in a build, is not there)
      const st = await stat(join(root, name)).catch((e) => { if (e.code !== 'ENOENT') throw e; });
      if (st) h.update(`${root}/${name} ${st.size} ${st.mtimeMs}\n`);
    }
  }
  return (version = h.digest('hex').slice(0, 16));
}

const types = {
  '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
};

// (no-cache: the browser asks again each time, so that a new build is
// seen at once; unchanged, the answer is a 304, and the browser uses what
// it has: for the kernel, its compiled code too.  keep: a file of the
// version of now, which the browser need not ask for again.)
const headers = (etag, keep = false) => ({
  'Cache-Control': keep ? 'max-age=31536000, immutable' : 'no-cache',
  ETag: etag,
  ...(isolate ? {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  } : {}),
});
const send = (res, status, head, ext, body) => {
  res.writeHead(status, { ...head, 'Content-Type': types[ext] || 'application/octet-stream', 'Content-Length': body.length });
  res.end(body);
};

const server = createServer(async (req, res) => {
  let path;
  try { path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)); } catch {
    res.writeHead(400);
    res.end('bad request');
    return;
  }
  if (path === '/') path = '/index.html';
  let keep = false;
  const v = path.match(/^\/v\/([0-9a-f]+)(\/.*)$/);
  if (v) {
    keep = v[1] === version && !v[2].slice(1).includes('/');
    path = v[2];
  } else if (path === '/index.html') {
    try {
      const ver = await currentVersion();
      const html = String(await readFile(join(here, 'index.html'))).replace('src="page.mjs"', `src="v/${ver}/page.mjs"`);
      send(res, 200, headers(`"${ver}"`), '.html', Buffer.from(html));
    } catch (e) {
      send(res, 500, {}, '.html', Buffer.from(`index.html: ${e.message}`));
    }
    return;
  }
  for (const [prefix, root] of roots) {
    if (prefix.endsWith('/') ? !path.startsWith(prefix) : path !== prefix) continue;
    const file = prefix.endsWith('/') ? join(root, path.slice(prefix.length)) : root;
    if (!file.startsWith(root)) continue;
    try {
      const st = await stat(file);
      const etag = `"${st.ino}-${st.size}-${st.mtimeMs}"`;
      const known = (req.headers['if-none-match'] || '').split(',').map((t) => t.trim().replace(/^W\//, ''));
      const head = headers(etag, keep && pageRoots.includes(root));
      if (known.includes(etag)) {
        res.writeHead(304, head);
        res.end();
        return;
      }
      send(res, 200, head, extname(file), await readFile(file));
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
