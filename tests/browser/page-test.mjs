// The page in headless Chromium (Debian's chromium, driven by
// playwright-core): it boots WasmLinux in Web Workers into the BusyBox
// shell in the terminal; commands typed there run (job control, Ctrl-C,
// paste, the terminal's size and its changes), as does a program compiled
// here and handed to the page through the address (file= and load=, served
// by serve.mjs from a directory of this test); eth0 reaches a server of
// this test through serve.mjs's network relay, which refuses pages of
// other origins, and net=none boots without it; `exit` powers off.
// Without cross-origin isolation the page refuses clearly.
// Prints one "ok"/"FAIL" line per check; saves a screenshot to
// BUILD/test-output/page.png.
//   node tests/browser/page-test.mjs BUILD_DIR
//   node tests/browser/page-test.mjs BUILD_DIR --bench RUNS
//     (only the time from loading the page to the shell's prompt: a first
//     visit, then RUNS visits after it)
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const build = resolve(process.argv[2] || 'build');
const bench = process.argv[3] === '--bench' ? Number(process.argv[4] || 3) : 0;
const { chromium } = await import(pathToFileURL(join(build, 'npm/node_modules/playwright-core/index.mjs')));
let failures = 0;
const check = (ok, what, detail) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  failures += !ok;
  if (!ok && detail) console.log(String(detail).trimEnd().split('\n').slice(-12).map((l) => `     | ${l}`).join('\n'));
  return ok;
};

// serve.mjs on a free port: { server, url }; stopped at the end
const servers = [];
function serve(env, extra, script = 'web/serve.mjs') {
  const server = spawn(process.execPath, [script, '0', build, ...(extra ? [extra] : [])],
                       { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  servers.push(server);
  return new Promise((ok, fail) => {
    server.stdout.once('data', (d) => ok({ server, url: String(d).match(/http:\S+/)[0] }));
    server.once('exit', (code) => fail(new Error(`${script} ended (status ${code}) before serving`)));
  });
}

// The terminal: its text, and the cursor's line up to the cursor
const screen = (page) => page.evaluate(() => {
  const b = window.wasmlinuxTerminal?.buffer.active;
  if (!b) return { lines: [], cursor: -1, before: '' };
  const lines = [];
  for (let i = 0; i < b.length; i++) {
    const l = b.getLine(i);
    if (l.isWrapped && lines.length) lines[lines.length - 1] += l.translateToString(true);
    else lines.push(l.translateToString(true));
  }
  // the cursor's logical line (wrapped lines joined)
  let cursor = 0;
  for (let i = 1; i <= b.baseY + b.cursorY; i++) if (!b.getLine(i).isWrapped) cursor++;
  const cl = b.getLine(b.baseY + b.cursorY);
  return { lines, cursor, before: cl ? cl.translateToString(false).slice(0, b.cursorX) : '' };
});

const atPrompt = (s) => s.before.endsWith('# ');
async function waitFor(page, cond, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const s = await screen(page);
    if (cond(s)) return s;
    if (Date.now() > end) return null;
    await page.waitForTimeout(50);
  }
}

// types a command line, waits for the next prompt: the lines in between
async function run(page, line, ms = 30000) {
  const start = (await screen(page)).cursor;
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  const s = await waitFor(page, (x) => x.cursor > start && atPrompt(x), ms);
  if (!s) {
    const now = await screen(page);
    return { ok: false, out: now.lines.slice(start).join('\n') };
  }
  return { ok: true, out: s.lines.slice(start + 1, s.cursor).join('\n') };
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// (in a context of its own, a first visit; or in ctx, which may have been)
async function bootPage(url, ctx) {
  const page = await (ctx || browser).newPage({ viewport: { width: 1000, height: 640 } });
  page.on('pageerror', (e) => console.log(`     page error: ${e.message}`));
  // the status line's texts, as they change
  await page.addInitScript(() => {
    window.statusTexts = [];
    document.addEventListener('DOMContentLoaded', () => {
      const el = document.getElementById('status');
      window.statusTexts.push(el.textContent);
      new MutationObserver(() => window.statusTexts.push(el.textContent))
        .observe(el, { childList: true, characterData: true, subtree: true });
    });
  });
  const t0 = Date.now();
  await page.goto(url);
  const s = await waitFor(page, atPrompt, 90000);
  return { page, ms: Date.now() - t0, s };
}

const extra = mkdtempSync(join(tmpdir(), 'wasmlinux-page-'));
try {
  if (bench) {
    // a first visit, then the visits after it in the same browser
    // context: its cache (with the kernel's compiled code) is warm
    const { server, url } = await serve({});
    const ctx = await browser.newContext();
    for (let i = 0; i <= bench; i++) {
      const { page, ms, s } = await bootPage(url, ctx);
      console.log(s ? `${i ? 'prompt' : 'first'} ${ms} ms` : 'FAIL no prompt');
      await page.close();
    }
    server.kill();
    process.exit(0);
  }

  // a program that is not in the build: compiled here, given to the page
  // by file=; and a cpio archive given by load=
  writeFileSync(join(extra, 'argv.c'), `#include <stdio.h>
int main(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\\n", i, argv[i]);
	return 0;
}
`);
  let compiled = true;
  try {
    execFileSync('libc/wasm32-linux-musl-cc', ['-O2', '-o', join(extra, 'argv-echo'), join(extra, 'argv.c')],
                 { env: { ...process.env, WASMLINUX_SYSROOT: join(build, 'sysroot') }, stdio: 'pipe' });
  } catch (e) {
    compiled = check(false, 'page: wasm32-linux-musl-cc compiles the test program', e.stderr);
  }
  mkdirSync(join(extra, 'tree/data'), { recursive: true });
  writeFileSync(join(extra, 'tree/data/greeting'), 'hello from a cpio archive\n');
  execFileSync('sh', ['-c', 'cd tree && find . | cpio -o -H newc --quiet > ../more.cpio'], { cwd: extra });
  execFileSync('mke2fs', ['-q', '-t', 'ext2', '-d', 'tree', 'disk.img', '4M'], { cwd: extra });
  // the ports (make ports: build/ports/root.cpio), by load= too
  const portsCpio = join(build, 'ports', 'root.cpio');
  const ports = existsSync(portsCpio);
  if (ports) copyFileSync(portsCpio, join(extra, 'ports.cpio'));

  // a file of the host for the page's network to fetch (10.0.2.2 is the
  // host's loopback through the NAT)
  const netFile = randomBytes(2 << 20);
  const netSum = createHash('sha256').update(netFile).digest('hex');
  const files = createServer((req, res) => { res.writeHead(200); res.end(netFile); });
  await new Promise((ok) => files.listen(0, '127.0.0.1', ok));
  const netPort = files.address().port;

  const { server, url } = await serve({}, extra);
  const { WebSocket } = await import(pathToFileURL(join(build, 'npm/node_modules/ws/wrapper.mjs')));
  const tryRelay = (origin) => new Promise((ok) => {
    const ws = new WebSocket(`${url.replace('http:', 'ws:')}net`, { origin });
    ws.on('message', (m) => { ws.close(); ok(`message ${String(m).split(' ')[0]}`); });
    ws.on('unexpected-response', (req, res) => ok(`refused ${res.statusCode}`));
    ws.on('error', (e) => ok(`error ${e.message}`));
  });
  const foreign = await tryRelay('http://elsewhere.example');
  const own = await tryRelay(url.replace(/\/$/, ''));
  check(foreign === 'refused 403' && own === 'message wasmlinux-net',
        'page: the network relay answers its own origin only', `other origin: ${foreign}; own: ${own}`);
  // what is unchanged since the browser got it is a 304 (its cached
  // copy, and the kernel's compiled code with it, stay good); a changed
  // file is sent again
  const again = async (path, etag) => (await fetch(url + path, { headers: { 'If-None-Match': etag } })).status;
  const first = await fetch(`${url}web/kernel-shared.wasm`);
  const etag = first.headers.get('etag');
  await first.arrayBuffer();
  writeFileSync(join(extra, 'changing'), 'one');
  const etagOne = (await fetch(`${url}extra/changing`)).headers.get('etag');
  writeFileSync(join(extra, 'changing'), 'three');
  const unchanged = await again('web/kernel-shared.wasm', etag), changed = await again('extra/changing', etagOne);
  check(etag && unchanged === 304 && changed === 200,
        'page: the server answers 304 for what the browser has, 200 for a changed file',
        `ETag ${etag}: ${unchanged}; changed file: ${changed}`);
  // the page's modules come from /v/VERSION/, which the browser keeps
  // without asking again; index.html names a new version once one of
  // them changes (here in a copy of web/, served by its serve.mjs)
  const copy = join(extra, 'web-copy');
  cpSync('web', copy, { recursive: true });
  const c = await serve({ WASMLINUX_NET: 'none', WASMLINUX_BUILD: build }, undefined, join(copy, 'serve.mjs'));
  const version = async () => (await (await fetch(c.url)).text()).match(/src="v\/([0-9a-f]+)\/page\.mjs"/)?.[1];
  const caching = async (path) => (await fetch(c.url + path)).headers.get('cache-control');
  const v1 = await version();
  const kept = await caching(`v/${v1}/page.mjs`), abiKept = await caching(`v/${v1}/abi.mjs`);
  const old = await caching('v/0123456789abcdef/page.mjs'), outside = await caching(`v/${v1}/userland/initramfs.cpio`);
  writeFileSync(join(copy, 'page.mjs'), `${readFileSync(join(copy, 'page.mjs'), 'utf8')}\n`);
  const v2 = await version();
  check(v1 && v2 && v1 !== v2 && /immutable/.test(kept) && /immutable/.test(abiKept) &&
        old === 'no-cache' && outside === 'no-cache',
        'page: its modules are kept under a version, which changes with them',
        `versions ${v1}, ${v2}; page.mjs ${kept}, abi.mjs ${abiKept}, another version ${old}, the initramfs ${outside}`);
  c.server.kill();
  const { page, ms, s } = await bootPage(
    `${url}?file=extra/argv-echo:/usr/bin/argv-echo&load=extra/more.cpio:/opt${ports ? '&load=extra/ports.cpio&params=mem=512M' : ''}`);
  check(s, `page: boots into the BusyBox shell, prompt in ${ms} ms`, s ? '' : (await screen(page)).lines.join('\n'));
  mkdirSync(join(build, 'test-output'), { recursive: true });
  const shot = () => page.screenshot({ path: join(build, 'test-output', 'page.png') });
  if (!s) await shot();
  const statuses = await page.evaluate(() => window.statusTexts);
  check(statuses.some((t) => /Loading/.test(t)) && statuses.some((t) => /Booting/.test(t)),
        'page: the status line shows the boot progress', statuses.join('\n'));
  if (s) {
    await page.click('#terminal');
    let r = await run(page, 'uname -a');
    check(r.ok && /^Linux wasmlinux 6\.12/m.test(r.out), 'page: uname -a', r.out);
    r = await run(page, 'ls /bin | wc -l');
    check(r.ok && Number(r.out.trim()) > 50, `page: ls /bin | wc -l (${r.out.trim()})`, r.out);
    r = await run(page, 'echo hi > /tmp/x; cat /tmp/x');
    check(r.ok && r.out.trim() === 'hi', 'page: echo hi > /tmp/x; cat /tmp/x', r.out);

    r = await run(page, 'sleep 100 &');
    const bg = await run(page, 'jobs');
    check(r.ok && bg.ok && /sleep 100/.test(bg.out) && /Running/.test(bg.out),
          'page: a background job (sleep 100 &), jobs shows it', `${r.out}\n${bg.out}`);

    // Ctrl-C: 0x03 to the console, SIGINT to the foreground job
    const start = (await screen(page)).cursor;
    await page.keyboard.type('sleep 100');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    const t = Date.now();
    await page.keyboard.press('Control+C');
    const back = await waitFor(page, (x) => x.cursor > start && atPrompt(x), 10000);
    r = await run(page, 'echo $?');
    check(back && r.ok && r.out.trim() === '130',
          `page: Ctrl-C ends sleep 100 (prompt back in ${Date.now() - t} ms), echo $? gives 130`, r.out);
    r = await run(page, 'jobs');
    check(r.ok && /sleep 100/.test(r.out), 'page: the background job survives the Ctrl-C', r.out);
    // (ash tells of the job's end before a later prompt: let it be told
    // here, not in the output of a check)
    await run(page, 'kill %1; wait');
    await run(page, 'true');

    // the console's size is the terminal's, and follows the window
    const size = () => page.evaluate(() => `${wasmlinuxTerminal.rows} ${wasmlinuxTerminal.cols}`);
    const size1 = await size();
    r = await run(page, 'stty size');
    check(r.ok && r.out.trim() === size1, `page: stty size is the terminal's (${size1})`, r.out);
    await page.setViewportSize({ width: 700, height: 420 });
    await page.waitForTimeout(300);
    const size2 = await size();
    r = await run(page, 'stty size');
    check(r.ok && size2 !== size1 && r.out.trim() === size2,
          `page: a smaller window resizes the console (${size2})`, r.out);
    await page.setViewportSize({ width: 1000, height: 640 });
    await page.waitForTimeout(300);

    // paste: a clipboard event on the terminal sends the text as input
    const pstart = (await screen(page)).cursor;
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'echo pas""ted\n');
      document.querySelector('.xterm-helper-textarea')
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    const pasted = await waitFor(page, (x) => x.cursor > pstart + 1 && atPrompt(x), 10000);
    const pout = pasted ? pasted.lines.slice(pstart, pasted.cursor).join('\n') : '';
    check(pasted && /^pasted$/m.test(pout), 'page: a paste is typed into the console', pout);

    if (compiled) {
      r = await run(page, 'argv-echo one "two words"');
      check(r.ok && /^argv\[0\]=argv-echo$/m.test(r.out) && /^argv\[1\]=one$/m.test(r.out) &&
            /^argv\[2\]=two words$/m.test(r.out),
            'page: a program compiled in the test (file=extra/argv-echo:/usr/bin/argv-echo) runs', r.out);
    }
    r = await run(page, 'cat /opt/data/greeting');
    check(r.ok && r.out.trim() === 'hello from a cpio archive',
          'page: a cpio archive given by load=extra/more.cpio:/opt is unpacked', r.out);

    check(ports, 'page: the ports are built (build/ports/root.cpio, make ports)', portsCpio);
    if (ports) {
      r = await run(page, `lua -e 'print(6 * 7)'; echo 'puts [string repeat ab 3]' | tclsh; sqlite3 :memory: 'select 40 + 2'`, 120000);
      check(r.ok && /^42\nababab\n42$/.test(r.out.trim()),
            'page: the ports given by load=extra/ports.cpio run (lua, tclsh, sqlite3)', r.out);
      r = await run(page, `bash -c 'a=(4 2); echo "\${a[0]}$(echo \${a[1]})"'`, 120000);
      check(r.ok && r.out.trim() === '42', 'page: bash from the ports runs (an array, $(...))', r.out);
      // (a command shorter than the terminal's line: run() reads what follows it)
      r = await run(page, `python3 -c 'import zlib,sqlite3;print(sqlite3.sqlite_version,zlib.crc32(b"wasm"))'`, 120000);
      check(r.ok && r.out.trim() === '3.40.1 2846413310', 'page: python3 from the ports runs (sqlite3, zlib)', r.out);
    }
    const netText = await page.textContent('#net');
    check(/^network: eth0 up$/.test(netText), 'page: the status bar shows the network up', netText);
    r = await run(page, `wget -q -O - http://10.0.2.2:${netPort}/file | sha256sum`);
    check(r.ok && r.out.trim().startsWith(netSum),
          'page: wget through the relay fetches 2 MB from the host, checksum equal', r.out);
    // the relay's backend dies: the page says the link is down, the shell goes on
    try { execFileSync('pkill', ['-f', 'bin/wasmlinux-net user']); } catch { /* checked below */ }
    await page.waitForFunction(() => /down/.test(document.getElementById('net').textContent), null,
                               { timeout: 10000 }).catch(() => {});
    const downText = await page.textContent('#net');
    r = await run(page, 'echo still here');
    check(/^network: down: /.test(downText) && r.ok && r.out.trim() === 'still here',
          'page: the relay\'s backend killed: the page says the link is down, the shell goes on',
          `${downText}\n${r.out}`);

    await shot();

    await page.keyboard.type('exit 7');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.title === 'WasmLinux: powered off', null, { timeout: 20000 })
      .catch(() => {});
    const end = await screen(page);
    check(end.lines.some((l) => l === '[WasmLinux powered off, status 7]') &&
          await page.title() === 'WasmLinux: powered off',
          'page: exit 7 powers off: [WasmLinux powered off, status 7]', end.lines.slice(-5).join('\n'));
  }
  const none = await bootPage(`${url}?net=none`);
  if (check(none.s, 'page: net=none boots', (await screen(none.page)).lines.join('\n'))) {
    await none.page.click('#terminal');
    const r = await run(none.page, 'ls /sys/class/net');
    const netText = await none.page.textContent('#net');
    check(r.ok && r.out.trim() === 'lo' && /^network: none/.test(netText),
          'page: net=none has loopback only and says so', `${netText}\n${r.out}`);
  }
  await none.page.close();

  // a disk in the origin's private file system: made and written, then
  // read again after a reload of the page
  const d = await bootPage(`${url}?disk=page-test-disk&disk-size=16&net=none`);
  if (check(d.s, 'page: boots with an OPFS disk (disk=page-test-disk)', (await screen(d.page)).lines.join('\n'))) {
    await d.page.click('#terminal');
    const mark = `written ${Date.now()}`;
    let r = await run(d.page, `mkfs.ext2 /dev/vda > /dev/null && mount /dev/vda /mnt && echo '${mark}' > /mnt/note && umount /mnt && echo saved`);
    const saved = r.ok && /^saved$/m.test(r.out);
    // Export: the download is the disk, with the file in it for the host
    const exportShown = await d.page.isVisible('#export');
    let exported = '(not exported)';
    if (exportShown) {
      try {
        const [download] = await Promise.all([d.page.waitForEvent('download', { timeout: 30000 }),
                                              d.page.click('#export')]);
        const saved = join(extra, 'exported.img');
        await download.saveAs(saved);
        exported = execFileSync('debugfs', ['-R', 'cat /note', saved], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
      } catch (e) {
        exported = `(export failed: ${e.message})`;
      }
    }
    check(exported.includes(mark), 'page: Export saves the OPFS disk as a file the host reads (debugfs)', exported);
    await d.page.reload();
    const again = await waitFor(d.page, atPrompt, 90000);
    if (again) {
      await d.page.click('#terminal');
      r = await run(d.page, 'mount /dev/vda /mnt && cat /mnt/note');
    }
    check(saved && again && r.ok && r.out.includes(mark) && exportShown,
          'page: a file written on the OPFS disk is there after a reload (and Export is offered)',
          `${saved} ${exportShown}\n${r.out}`);
  }
  await d.page.close();

  // a new OPFS disk that starts as an image given by URL (disk-image=)
  const img = await bootPage(`${url}?disk=page-test-image&disk-image=extra/disk.img&net=none`);
  if (check(img.s, 'page: boots with a disk made from disk-image=extra/disk.img',
            (await screen(img.page)).lines.join('\n'))) {
    await img.page.click('#terminal');
    const r = await run(img.page, 'mount -o ro /dev/vda /mnt && cat /mnt/data/greeting');
    check(r.ok && /^hello from a cpio archive$/m.test(r.out),
          'page: the disk made from the image holds its files', r.out);
  }
  await img.page.close();
  server.kill();
  files.close();

  const plain = await serve({ WASMLINUX_NO_ISOLATION: '1' });
  const page2 = await browser.newPage();
  await page2.goto(plain.url);
  await page2.waitForFunction(() => /needs shared memory/.test(document.getElementById('status').textContent),
                              null, { timeout: 20000 }).catch(() => {});
  check(/cross-origin isolation/.test(await page2.textContent('#status')),
        'page: without cross-origin isolation it says what is missing');
  plain.server.kill();
} finally {
  await browser.close();
  for (const server of servers) server.kill();
  rmSync(extra, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
