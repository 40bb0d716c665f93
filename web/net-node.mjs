// The network under Node.js: wasmlinux-net (runtime/net-helper.c), the
// native program of the user-mode network, as a child process whose
// standard streams carry the frames (net.mjs).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { netHost, newNet, streamFrame, streamParser } from './net.mjs';

// spec: --net's ("user[,...]"; "none": no network, resolves to null).
// Resolves to the device for boot(), once the backend has said hello;
// rejects with a message if it cannot start.
export function startNet(build, spec) {
  if (spec === 'none') return Promise.resolve(null);
  // (WASMLINUX_NET_HELPER: another program that speaks the same, for tests)
  const helper = process.env.WASMLINUX_NET_HELPER || join(build, 'bin', 'wasmlinux-net');
  return new Promise((resolve, reject) => {
    const child = spawn(helper, [spec], { stdio: ['pipe', 'pipe', 'inherit'] });
    let host = null, hello = Buffer.alloc(0);
    const parse = streamParser((frame) => host.deliver(frame));
    child.on('error', (e) => reject(new Error(`network backend ${helper}: ${e.message} (build it with make)`)));
    child.stdin.on('error', () => {});   // it has gone: 'exit' says so
    child.on('exit', (code, signal) => {
      if (!host) {
        reject(new Error(code === 1 ? '' : `network backend exited (${signal || code})`));
        return;
      }
      host.link(false);
      host.stop();
      process.stderr.write(`wasmlinux: the network backend exited (${signal || `status ${code}`}); eth0 is down\n`);
    });
    child.stdout.on('data', (chunk) => {
      if (host) { parse(chunk); return; }
      hello = Buffer.concat([hello, chunk]);
      const nl = hello.indexOf(10);
      if (nl < 0) return;
      const m = /^wasmlinux-net mtu=(\d+) mac=([0-9a-f:]{17})$/.exec(hello.subarray(0, nl).toString());
      if (!m) { child.kill(); reject(new Error('network backend: no hello')); return; }
      const net = newNet(Number(m[1]), m[2].split(':').map((x) => parseInt(x, 16)));
      host = netHost(net, (frame) => child.stdin.write(streamFrame(frame)));
      parse(hello.subarray(nl + 1));
      // the child must not keep Node alive once the kernel has stopped
      child.unref();
      child.stdout.unref?.();
      resolve(net);
    });
  });
}
