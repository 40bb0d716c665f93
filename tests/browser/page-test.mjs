// The page in headless Chromium (Debian's chromium, driven by
// playwright-core): it boots the kernel in Web Workers, shows the console in
// the terminal, and refuses clearly without cross-origin isolation.
// Prints one "ok"/"FAIL" line per test; saves a screenshot.
//   node tests/browser/page-test.mjs BUILD_DIR
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const build = resolve(process.argv[2] || 'build');
const { chromium } = await import(pathToFileURL(join(build, 'npm/node_modules/playwright-core/index.mjs')));
let failures = 0;
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); failures += !ok; };

function serve(port, env) {
  const server = spawn(process.execPath, ['web/serve.mjs', String(port), build],
                       { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok) => server.stdout.once('data', () => ok(server)));
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const server = await serve(8391, {});
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`     page error: ${e.message}`));
  const t0 = Date.now();
  await page.goto('http://127.0.0.1:8391/');
  await page.waitForFunction(() => document.title.startsWith('WasmLinux:'), null, { timeout: 90000 })
    .catch(() => {});
  const ms = Date.now() - t0;
  const text = await page.evaluate(() => {
    const b = window.wasmlinuxTerminal?.buffer.active;
    let s = '';
    for (let i = 0; b && i < b.length; i++) s += b.getLine(i).translateToString(true) + '\n';
    return s;
  });
  mkdirSync(join(build, 'test-output'), { recursive: true });
  await page.screenshot({ path: join(build, 'test-output', 'page.png') });
  const title = await page.title();
  check(title === 'WasmLinux: powered off' && /Linux version 6\.12/.test(text),
        `page: the kernel boots in Web Workers and powers off (${ms} ms)`);
  check(/demo-pipe: host read "hello from pid \d+"/.test(text) && /Linux version 6\.12.*wasm/.test(text),
        'page: the terminal shows the pipe demo and /proc/version');

  // keystrokes reach the kernel's console: echoed by its line discipline,
  // then read back from /dev/console by init, until Ctrl-D
  const page3 = await browser.newPage();
  await page3.goto('http://127.0.0.1:8391/#console');
  await page3.waitForFunction(() => window.wasmlinuxTerminal, null, { timeout: 30000 });
  await page3.click('#terminal');
  await page3.keyboard.type('typed on the page');
  await page3.keyboard.press('Enter');
  await page3.keyboard.press('Control+D');
  await page3.waitForFunction(() => document.title.startsWith('WasmLinux:'), null, { timeout: 60000 })
    .catch(() => {});
  const typed = await page3.evaluate(() => {
    const b = window.wasmlinuxTerminal.buffer.active;
    let s = '';
    for (let i = 0; i < b.length; i++) s += b.getLine(i).translateToString(true) + '\n';
    return s;
  });
  const typedOk = (typed.match(/^typed on the page$/gm) || []).length === 2 &&
        await page3.title() === 'WasmLinux: powered off';
  check(typedOk, 'page: typing reaches /dev/console, Ctrl-D ends the input');
  if (!typedOk) console.log(typed.trim().split('\n').slice(-6).map((l) => `     | ${l}`).join('\n'));
  server.kill();

  const plain = await serve(8392, { WASMLINUX_NO_ISOLATION: '1' });
  const page2 = await browser.newPage();
  await page2.goto('http://127.0.0.1:8392/');
  await page2.waitForFunction(() => /needs shared memory/.test(document.getElementById('status').textContent),
                              null, { timeout: 20000 }).catch(() => {});
  check(/cross-origin isolation/.test(await page2.textContent('#status')),
        'page: without cross-origin isolation it says what is missing');
  plain.kill();
} finally {
  await browser.close();
}
process.exit(failures ? 1 : 0);
