// The page: boots the kernel in Web Workers and shows its console in an
// xterm.js terminal, whose keystrokes go to the kernel's console.  No shell
// yet: it runs the pipe demo and powers off, or with #console in the
// address, copies what is typed (until Ctrl-D) from /dev/console.
import { boot } from './boot.mjs';
import { CONSOLE_SIZE, inputWrite, newInput, newOutput, outputRead } from './host.mjs';

const status = document.getElementById('status');
const say = (text, error) => {
  status.textContent = text;
  status.className = error ? 'error' : '';
};

async function main() {
  if (!self.crossOriginIsolated || typeof SharedArrayBuffer === 'undefined') {
    say('WasmLinux needs shared memory: this page must be served with ' +
        'cross-origin isolation (COOP/COEP), as `make serve` does.', true);
    return;
  }
  const term = new Terminal({ convertEol: true, cols: 120, rows: 40 });
  term.open(document.getElementById('terminal'));
  // keystrokes wait in the ring until the kernel reads them
  const input = newInput();
  term.onData((d) => inputWrite(input, new TextEncoder().encode(d)));
  term.focus();
  window.wasmlinuxTerminal = term;

  // every kernel thread is a worker started here, with a port back to us
  const output = newOutput();
  outputRead(output, (bytes) => term.write(bytes));
  const startWorker = (data) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => startWorker(e.data.spawn);
    const w = new Worker(new URL('worker-browser.mjs', import.meta.url), { type: 'module' });
    w.onerror = (e) => say(`WasmLinux worker failed: ${e.message}`, true);
    w.postMessage({ data: { output, ...data }, port: channel.port2 }, [channel.port2]);
  };
  say('Loading the kernel…');
  const get = async (name) => {
    const r = await fetch(name);
    if (!r.ok) throw new Error(`${name}: ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  };
  const files = {
    wasm: await get('kernel-shared.wasm'),
    data: await get('kernel-data.bin'),
    nr: JSON.parse(new TextDecoder().decode(await get('unistd.json'))),
  };
  const typing = location.hash === '#console';
  say(typing ? 'Booting… then type; Ctrl-D ends the input.' : 'Booting…');
  const argv = typing ? ['--cat', '/dev/console'] : ['demo-pipe', '--cat', '/proc/version'];
  // the terminal's size, for TIOCGWINSZ; a change raises the console interrupt
  const control = (ctl) => {
    const size = () => Atomics.store(ctl, CONSOLE_SIZE, term.rows << 16 | term.cols);
    size();
    term.onResize(() => { size(); Atomics.notify(input, 0); });
  };
  const code = await boot(files, 'loglevel=6', argv, startWorker, input, { control });
  say(code === 0 ? 'WasmLinux powered off.' : `WasmLinux stopped (status ${code}).`, code !== 0);
  document.title = code === 0 ? 'WasmLinux: powered off' : 'WasmLinux: stopped';
}

main().catch((e) => say(`WasmLinux failed: ${e.message}`, true));
