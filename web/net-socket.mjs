// The page's network: frames over a WebSocket to serve.mjs's relay
// (net-relay.mjs), into the device of net.mjs.
import { netHost, newNet } from './net.mjs';

// Resolves to { net, closed } once the relay's backend has said hello,
// or rejects with the reason; onDown(reason) is called if the socket
// closes later (the link goes down then).
export function connectNet(url, onDown) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    let host = null;
    const timer = setTimeout(() => { ws.close(); reject(new Error('no answer from the relay')); }, 5000);
    ws.onmessage = (e) => {
      if (host) { host.deliver(new Uint8Array(e.data)); return; }
      const m = typeof e.data === 'string' &&
        /^wasmlinux-net mtu=(\d+) mac=([0-9a-f:]{17})$/.exec(e.data);
      if (!m) { ws.close(); reject(new Error('the relay did not say hello')); return; }
      clearTimeout(timer);
      const net = newNet(Number(m[1]), m[2].split(':').map((x) => parseInt(x, 16)));
      host = netHost(net, (frame) => { if (ws.readyState === WebSocket.OPEN) ws.send(frame); });
      resolve(net);
    };
    ws.onclose = (e) => {
      clearTimeout(timer);
      if (!host) { reject(new Error(e.reason || `the relay closed (${e.code})`)); return; }
      host.link(false);
      host.stop();
      onDown(e.reason || `the relay closed (${e.code})`);
    };
  });
}
