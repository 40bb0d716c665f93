// The network device of the web host: the queues behind the kernel's
// net_* host operations (host_ops.h), as runtime/net.c has them natively.
// One SharedArrayBuffer holds a ring of frames each way; the kernel's side
// (netOps, in whichever worker holds the CPU lock, so one at a time) and
// the host's side (netHost, on the thread that talks to the backend: the
// main thread under Node, the page's) each move their own end only.  The
// host's side wakes the network worker (netIrqThread), which raises
// WASM_IRQ_NET: when a frame arrives after the kernel found none, when
// the send ring has room again after it was full, and when the link
// changes.  The backend is wasmlinux-net (runtime/net-helper.c), reached
// over its standard streams (cli.mjs) or a WebSocket (serve.mjs).
import abi from './kernel-abi.mjs';

// cells
const TX_W = 0, TX_R = 1, RX_W = 2, RX_R = 3, FLAGS = 4, IRQ = 5, MTU = 6, MAC = 7;
const HEADER = 64;   // bytes before the rings
const RING = 4 << 20;
// FLAGS bits
const LINK = 1, TX_STOPPED = 2, RX_IDLE = 4;

export function newNet(mtu, mac) {
  const net = new Int32Array(new SharedArrayBuffer(HEADER + 2 * RING));
  Atomics.store(net, MTU, mtu);
  new Uint8Array(net.buffer, MAC * 4, 6).set(mac);
  Atomics.store(net, FLAGS, LINK | RX_IDLE);
  return net;
}

const ring = (net, which) => new Uint8Array(net.buffer, HEADER + which * RING, RING);
const maxFrame = (net) => Atomics.load(net, MTU) + 18 + 4;

// Copies between a ring (at position pos, wrapping) and bytes.
function ringPut(r, pos, bytes) {
  const at = (pos >>> 0) % RING, first = Math.min(bytes.length, RING - at);
  r.set(bytes.subarray(0, first), at);
  if (first < bytes.length) r.set(bytes.subarray(first), 0);
}
function ringGet(r, pos, dest) {
  const at = (pos >>> 0) % RING, first = Math.min(dest.length, RING - at);
  dest.set(r.subarray(at, at + first));
  if (first < dest.length) dest.set(r.subarray(0, dest.length - first), first);
}
function lenAt(r, pos) {
  const b = new Uint8Array(4);
  ringGet(r, pos, b);
  return new DataView(b.buffer).getUint32(0, true);
}
function lenBytes(len) {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, len, true);
  return b;
}
// Bytes between two positions (32-bit counters that wrap).
const used = (w, r) => (w - r) >>> 0;
const raise = (net) => { Atomics.add(net, IRQ, 1); Atomics.notify(net, IRQ); };

// The kernel's side: the host operations, over the kernel's memory.
export function netOps(net, memory) {
  const u8 = (addr, len) => new Uint8Array(memory.buffer, addr, len);
  return {
    net_probe(dev, mac) {
      if (!net || dev !== 0) return 0;
      u8(mac, 6).set(new Uint8Array(net.buffer, MAC * 4, 6));
      return Atomics.load(net, MTU);
    },
    net_send(dev, addr, len) {
      if (!net || dev !== 0 || !(Atomics.load(net, FLAGS) & LINK)) return abi.WASM_NET_DROPPED;
      const w = Atomics.load(net, TX_W), free = RING - used(w, Atomics.load(net, TX_R));
      if (free < len + 4) {
        Atomics.or(net, FLAGS, TX_STOPPED);
        return abi.WASM_NET_DROPPED | abi.WASM_NET_FULL;
      }
      const r = ring(net, 0);
      ringPut(r, w, lenBytes(len));
      ringPut(r, w + 4, u8(addr, len).slice());
      Atomics.store(net, TX_W, (w + 4 + len) | 0);
      Atomics.notify(net, TX_W);
      if (free - (len + 4) < maxFrame(net)) {
        Atomics.or(net, FLAGS, TX_STOPPED);
        return abi.WASM_NET_FULL;
      }
      return 0;
    },
    net_recv(dev, addr, size) {
      if (!net || dev !== 0) return 0;
      const rd = Atomics.load(net, RX_R);
      if (rd === Atomics.load(net, RX_W)) {
        // idle, then look again: a frame that came in between is taken
        Atomics.or(net, FLAGS, RX_IDLE);
        if (rd === Atomics.load(net, RX_W)) return 0;
      }
      const r = ring(net, 1), len = lenAt(r, rd);
      if (size && len > size) return len;
      if (size) ringGet(r, rd + 4, u8(addr, len));
      Atomics.store(net, RX_R, (rd + 4 + len) | 0);
      return len;
    },
    net_status(dev) {
      if (!net || dev !== 0) return 0;
      const f = Atomics.load(net, FLAGS);
      return (f & LINK ? abi.WASM_NET_LINK_UP : 0) | (f & TX_STOPPED ? 0 : abi.WASM_NET_TX_ROOM);
    },
  };
}

// The network worker: raise() whenever the host's side asks, forever.
export function netIrqThread(net, raiseIrq) {
  for (let seen = 0; ;) {
    Atomics.wait(net, IRQ, seen);
    seen = Atomics.load(net, IRQ);
    raiseIrq();
  }
}

// The host's side, on one thread: deliver(frame) queues a frame for the
// kernel (false: the ring is full, it is dropped, as a busy wire drops
// it); link(up); and the frames the kernel sends go to send(frame), as
// they come (Atomics.waitAsync), until stop().
export function netHost(net, send) {
  let stopped = false;
  const deliver = (frame) => {
    const w = Atomics.load(net, RX_W);
    if (RING - used(w, Atomics.load(net, RX_R)) < frame.length + 4) return false;
    const r = ring(net, 1);
    ringPut(r, w, lenBytes(frame.length));
    ringPut(r, w + 4, frame);
    Atomics.store(net, RX_W, (w + 4 + frame.length) | 0);
    if (Atomics.and(net, FLAGS, ~RX_IDLE) & RX_IDLE) raise(net);
    return true;
  };
  const drain = () => {
    const r = ring(net, 0);
    let rd = Atomics.load(net, TX_R);
    const w = Atomics.load(net, TX_W);
    while (rd !== w) {
      const len = lenAt(r, rd), frame = new Uint8Array(len);
      ringGet(r, rd + 4, frame);
      rd = (rd + 4 + len) | 0;
      Atomics.store(net, TX_R, rd);
      send(frame);
    }
    if ((Atomics.load(net, FLAGS) & TX_STOPPED) && RING - used(w, rd) >= RING / 2) {
      Atomics.and(net, FLAGS, ~TX_STOPPED);
      raise(net);
    }
    return w;
  };
  (async () => {
    for (let seen = 0; !stopped;) {
      const { async, value } = Atomics.waitAsync(net, TX_W, seen);
      if (async) await value;
      seen = drain();
    }
  })();
  return {
    deliver,
    link(up) {
      if (up) Atomics.or(net, FLAGS, LINK); else Atomics.and(net, FLAGS, ~LINK);
      raise(net);
    },
    stop() { stopped = true; Atomics.notify(net, TX_W); },
  };
}

// Frames on a byte stream, each after its length as 4 bytes, big-endian
// (wasmlinux-net's standard streams): frame(bytes) for one to send, and
// a parser that calls onFrame for each frame in the chunks it is given.
export function streamFrame(frame) {
  const out = new Uint8Array(4 + frame.length);
  new DataView(out.buffer).setUint32(0, frame.length);
  out.set(frame, 4);
  return out;
}
export function streamParser(onFrame) {
  let buf = new Uint8Array(0);
  return (chunk) => {
    const all = new Uint8Array(buf.length + chunk.length);
    all.set(buf);
    all.set(chunk, buf.length);
    let off = 0;
    while (all.length - off >= 4) {
      const len = new DataView(all.buffer, off).getUint32(0);
      if (all.length - off < 4 + len) break;
      onFrame(all.subarray(off + 4, off + 4 + len));
      off += 4 + len;
    }
    buf = all.slice(off);
  };
}
