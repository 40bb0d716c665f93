// The page's network relay (serve.mjs): each WebSocket to /net gets a
// wasmlinux-net of its own (runtime/net-helper.c), the same user-mode
// network as the native program's.  The first message is the backend's
// hello line (text), then every binary message is one Ethernet frame,
// either way.  Only pages of this server's own origin may connect: the
// relay is no open proxy for other sites.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { streamFrame, streamParser } from './net.mjs';

// server: the http.Server; spec: the --net specification for the backend.
// The WebSocket server is npm's ws, which the build installs (web/build.mk).
export async function netRelay(server, build, spec) {
  const { WebSocketServer } = await import(pathToFileURL(join(build, 'npm/node_modules/ws/wrapper.mjs')));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1 << 20 });
  server.on('upgrade', (req, socket, head) => {
    const own = `http://${req.headers.host}`;
    if (new URL(req.url, own).pathname !== '/net' || req.headers.origin !== own) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => relay(ws, build, spec));
  });
}

function relay(ws, build, spec) {
  const child = spawn(join(build, 'bin', 'wasmlinux-net'), [spec], { stdio: ['pipe', 'pipe', 'pipe'] });
  let hello = Buffer.alloc(0), said = false, why = '';
  const parse = streamParser((frame) => ws.send(frame));
  child.on('error', (e) => ws.close(1011, `network backend: ${e.message}`.slice(0, 120)));
  child.stderr.on('data', (d) => { why += d; });
  child.stdin.on('error', () => {});
  child.on('exit', (code, signal) => {
    const msg = why.trim() || `network backend exited (${signal || code})`;
    ws.close(1011, msg.slice(0, 120));
  });
  child.stdout.on('data', (chunk) => {
    if (said) { parse(chunk); return; }
    hello = Buffer.concat([hello, chunk]);
    const nl = hello.indexOf(10);
    if (nl < 0) return;
    said = true;
    ws.send(hello.subarray(0, nl).toString());
    parse(hello.subarray(nl + 1));
  });
  ws.on('message', (data, binary) => { if (binary) child.stdin.write(streamFrame(data)); });
  ws.on('close', () => child.kill());
}
