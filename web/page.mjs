// The page: boots WasmLinux in Web Workers into the initramfs's BusyBox
// shell, as `node web/cli.mjs` does (boot.mjs, bootShell), with its
// console in an xterm.js terminal: keystrokes and pastes go to
// /dev/console (the kernel's line discipline echoes; Ctrl-C is 0x03, so
// SIGINT through the tty), the terminal's size is the console's and
// follows the window.  When init exits (`exit`), the page says so.
//
// Address parameters (each may repeat; URLs are relative to the page):
//   load=URL[:DIR]  a cpio archive (newc) to copy into the root (or DIR)
//                   after the initramfs, as cli.mjs --load
//   file=URL:PATH   one file, copied to PATH with mode 0755
//   params=TEXT     kernel parameters, e.g. params=quiet
//   net=none        no network (the default: eth0 through serve.mjs's
//                   relay, net-socket.mjs, if it answers)
//   disk=NAME       /dev/vda is NAME, a file of the origin's private file
//                   system that stays across reloads (disk-opfs.mjs); a
//                   new one has disk-size=MB (default 256) of zeros, or
//                   the bytes of disk-image=URL.  An Export button saves it.
// `node web/serve.mjs PORT BUILD DIR` serves the files of DIR at /extra/,
// so ?file=extra/hello:/bin/hello puts DIR/hello at /bin/hello.
import { bootShell, INITRAMFS, KERNEL_FILES } from './boot.mjs';
import { inputWriter, newInput } from './console-input.mjs';
import { newOutput, outputPending, outputRead } from './console-output.mjs';
import { diskForPage, exportDisk } from './disk-opfs.mjs';
import { connectNet } from './net-socket.mjs';
import { BOOT_WORKERS, workerPool } from './pool.mjs';

const status = document.getElementById('status');
const say = (text, error) => {
  status.textContent = text;
  status.className = error ? 'error' : '';
};

const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;

// The network's state, beside the status line.
const netState = document.getElementById('net');
const sayNet = (text, error) => {
  netState.textContent = `network: ${text}`;
  netState.className = error ? 'error' : '';
};

// disk=NAME: the OPFS disk, with its Export button.
async function pageDisks(query) {
  const name = query.get('disk');
  if (!name) return [];
  if (!/^[\w.-]+$/.test(name)) throw new Error(`disk=${name}: letters, digits, ., _ and - only`);
  const disk = await diskForPage(name, {
    size: Number(query.get('disk-size') || 256) * 1048576,
    image: query.get('disk-image'),
  });
  const button = document.getElementById('export');
  button.hidden = false;
  button.onclick = () => exportDisk(name);
  return [disk];
}

// eth0 through the relay, unless net=none; without it, loopback only.
async function network(query) {
  if (query.get('net') === 'none') {
    sayNet('none (net=none)');
    return null;
  }
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/net`;
  try {
    const net = await connectNet(url, (why) => sayNet(`down: ${why}`, true));
    sayNet('eth0 up');
    return net;
  } catch (e) {
    sayNet(`none: ${e.message}`, true);
    return null;
  }
}

async function get(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status} ${r.statusText}`);
  return new Uint8Array(await r.arrayBuffer());
}

// the address's load= and file= parameters, fetched: loads for init
async function extraLoads(query) {
  const split = (arg, need) => {
    const i = arg.lastIndexOf(':');
    if (i > 0 && arg[i + 1] === '/' && arg[i + 2] !== '/') return [arg.slice(0, i), arg.slice(i + 1)];
    if (need) throw new Error(`file=${arg}: give file=URL:PATH`);
    return [arg, '/'];
  };
  const loads = [];
  for (const [key, arg] of query) {
    if (key === 'load') {
      const [url, dest] = split(arg, false);
      loads.push(get(url).then((cpio) => ({ name: url, dest, cpio })));
    } else if (key === 'file') {
      const [url, path] = split(arg, true);
      const cut = path.lastIndexOf('/');
      loads.push(get(url).then((data) => ({
        name: url, dest: path.slice(0, cut) || '/',
        entries: [{ path: path.slice(cut + 1), type: 'file', mode: 0o755, data }],
      })));
    }
  }
  return Promise.all(loads);
}

async function main() {
  if (!self.crossOriginIsolated || typeof SharedArrayBuffer === 'undefined') {
    say('WasmLinux needs shared memory: this page must be served with ' +
        'cross-origin isolation (COOP/COEP), as `make serve` does.', true);
    document.title = 'WasmLinux: not started';
    return;
  }
  const el = document.getElementById('terminal');
  // The kernel writes CR LF (the log console, and the tty's ONLCR).
  const term = new Terminal({ cursorBlink: true, scrollback: 5000, fontSize: 14,
                              fontFamily: 'DejaVu Sans Mono, Menlo, Consolas, monospace' });
  // the terminal's rows and columns fill the element (@xterm/addon-fit,
  // which knows the renderer's cell size), now and as the window changes
  const fit = new FitAddon.FitAddon();
  term.loadAddon(fit);
  term.open(el);
  window.wasmlinuxTerminal = term;
  fit.fit();
  new ResizeObserver(() => fit.fit()).observe(el);

  // keystrokes and pastes (xterm's onData) wait for the kernel to read them
  const input = newInput();
  const write = inputWriter(input);
  term.onData((d) => write(d));
  // Ctrl-Shift-C copies the selection (Ctrl-C is the terminal's)
  term.attachCustomKeyEventHandler((e) => {
    if (e.type === 'keydown' && e.ctrlKey && e.shiftKey && e.code === 'KeyC' && term.hasSelection()) {
      navigator.clipboard?.writeText(term.getSelection()).catch(() => {});
      e.preventDefault();
      return false;
    }
    return true;
  });
  term.focus();

  // every kernel thread is a worker started here, with a port back to us
  const output = newOutput();
  let running = false;
  outputRead(output, (bytes) => {
    term.write(bytes);
    if (!running) {
      running = true;
      say('Running. The terminal is the console: Ctrl-C interrupts, Ctrl-Shift-C copies, ' +
          'Ctrl-Shift-V pastes; `exit` powers off.');
    }
  });
  const workers = [];
  const startWorker = workerPool((onMessage) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => onMessage(e.data);
    const w = new Worker(new URL('worker-browser.mjs', import.meta.url), { type: 'module' });
    w.onerror = (e) => say(`WasmLinux worker failed: ${e.message}`, true);
    w.postMessage({ port: channel.port2 }, [channel.port2]);
    workers.push(w);
    return (data) => w.postMessage({ data: { output, ...data } });
  }, BOOT_WORKERS);

  const query = new URLSearchParams(location.search);
  say('Loading the kernel and the initramfs…');
  let fetched = 0;
  const fetchFile = (path) => get(path).then((b) => {
    fetched += b.length;
    say(`Loading the kernel and the initramfs… ${mb(fetched)}`);
    return b;
  });
  const compileStreaming = async (path) => {
    const r = await fetch(path);
    if (!r.ok) throw new Error(`${path}: ${r.status} ${r.statusText}`);
    // (streaming needs the wasm MIME type, which another server may not give)
    const module = (r.headers.get('Content-Type') || '').startsWith('application/wasm')
      ? await WebAssembly.compileStreaming(r) : await WebAssembly.compile(await r.arrayBuffer());
    fetched += Number(r.headers.get('Content-Length') || 0);
    return module;
  };
  // The kernel's wasm is compiled as it streams in, which is also what
  // lets the browser keep the compiled code with its cached copy: on the
  // next visit (the server answers 304), no compiling.  Its files are
  // asked for at once, beside the initramfs, not after it (on a later
  // visit, its compiled code took 300-500 ms to come, on two cores that
  // start the workers too).
  const kernelFiles = Object.fromEntries(Object.values(KERNEL_FILES).map((path) => {
    const file = path === KERNEL_FILES.wasm ? compileStreaming(path) : fetchFile(path);
    file.catch(() => {});   // (its failure is the boot's, when it is awaited)
    return [path, file];
  }));
  const [initramfs, extra, net, disks] = await Promise.all([
    fetchFile(INITRAMFS), extraLoads(query), network(query), pageDisks(query)]);
  // (the boot asks for them once the rest is in: "Booting" comes last)
  const kernel = (path) => kernelFiles[path].then((b) => {
    say(`Booting Linux (${mb(fetched)} loaded)…`);
    return b;
  });
  const params = query.getAll('params');
  const code = await bootShell(kernel, initramfs, startWorker, input, {
    params, extra, net, disks,
    size: () => [term.rows, term.cols],
    onResize: (f) => term.onResize(f),
  });
  // what is still in the output ring first
  while (outputPending(output)) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => term.write('', r));
  term.write(`\r\n[WasmLinux powered off, status ${code}]\r\n`);
  for (const w of workers) w.terminate();
  say(`WasmLinux powered off (status ${code}). Reload the page to boot again.`, false);
  document.title = 'WasmLinux: powered off';
}

main().catch((e) => {
  say(`WasmLinux failed: ${e.message}`, true);
  document.title = 'WasmLinux: failed';
});
