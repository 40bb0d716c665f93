// The kernel's ABI numbers (system calls as NR.name, errno and signal
// numbers, host_ops.h and user_abi.h constants), for every web module:
//   import abi from './kernel-abi.mjs';   ... abi.SIGSEGV, abi.NR.read
// They are the build's web/abi.mjs, which tools/web-abi.py writes from the
// kernel's headers, so that none is copied by hand.  It is not beside this
// file: the page's server serves the build's web/ directory at the same
// place as web/ (serve.mjs), so a browser finds it next to this module;
// Node.js, from the build directory (build-dir.mjs), which is why this is
// a dynamic import.
const url = typeof process !== 'undefined' && process.versions?.node
  ? (await import('./build-dir.mjs')).buildUrl('web/abi.mjs')
  : new URL('abi.mjs', import.meta.url);

let abi;
try {
  abi = await import(url);
} catch (e) {
  throw new Error(`the kernel's ABI numbers, ${url}: ${e.message} (build them with make web)`);
}
export default abi;
