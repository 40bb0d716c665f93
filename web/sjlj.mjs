// setjmp/longjmp of user programs on the web host (<asm/user_abi.h>; the
// native version is runtime/sjlj.c).  LLVM's Emscripten-style lowering
// makes every call of a function that calls setjmp go through an invoke
// import; the program's longjmp throws, and the innermost invoke catches
// it and returns 0, after which the lowered code finds in memory where
// the longjmp goes.
//
// The table entry is called through a tiny module per signature whose
// call_indirect checks the entry's type, as the native host does: a call
// from JS would convert mismatched arguments instead of trapping.
import { moduleBytes, nameBytes as name, section, uleb, vec } from './wasmbin.mjs';
import abi from './kernel-abi.mjs';
import { Unwind } from './unwind.mjs';

// Thrown by linux.longjmp; out of every invoke, the program traps.
export class LongJmp extends Unwind { constructor() { super('longjmp with no setjmp'); } }

const VALTYPE = { i: 0x7f, j: 0x7e, f: 0x7d, d: 0x7c };

// (module (import "p" "t" (table 0 funcref))
//   (func (export "c") (param i32 P...) (result R) local.get 1.. local.get 0
//     call_indirect (type P -> R)))
function callerBytes(sig) {
  const params = [...sig.slice(1)].map((c) => VALTYPE[c]);
  const results = sig[0] === 'v' ? [] : [VALTYPE[sig[0]]];
  const type = (ps, rs) => [0x60, ...vec(ps), ...vec(rs)];
  const code = [0];                                   // no locals
  for (let i = 1; i <= params.length; i++) code.push(0x20, ...uleb(i));
  code.push(0x20, 0, 0x11, 0, 0, 0x0b);                // call_indirect type 0, table 0
  return moduleBytes(
    section(1, [2, ...type(params, results), ...type([0x7f, ...params], results)]),
    section(2, [1, ...name('p'), ...name('t'), 1, 0x70, 0, 0]),
    section(3, [1, 1]),
    section(7, [1, ...name('c'), 0, 0]),
    section(10, [1, ...vec(code)]),
  );
}

const callerModules = new Map();   // signature -> compiled caller

// The env.invoke_* functions for module's imports.  thread() gives the
// calling thread's state: { inst (the program's instance on this worker),
// signals (handlers running), inUser }.
export function invokeImports(module, thread) {
  const out = {};
  for (const { module: m, name, kind } of WebAssembly.Module.imports(module)) {
    if (kind !== 'function' || m !== 'env' || !name.startsWith(abi.WASM_USER_IMPORT_INVOKE)) continue;
    const sig = name.slice(abi.WASM_USER_IMPORT_INVOKE.length);
    const zero = sig[0] === 'j' ? 0n : 0;
    out[name] = (...args) => {
      const ut = thread();
      const callers = ut.inst.callers ||= new Map();
      let c = callers.get(sig);
      if (!c) {
        let mod = callerModules.get(sig);
        if (!mod) callerModules.set(sig, mod = new WebAssembly.Module(callerBytes(sig)));
        const t = ut.inst.exports[abi.WASM_USER_EXPORT_TABLE];
        c = new WebAssembly.Instance(mod, { p: { t } }).exports.c;
        callers.set(sig, c);
      }
      const signals = ut.signals;
      try {
        return c(...args);
      } catch (e) {
        if (!(e instanceof LongJmp)) throw e;
        ut.signals = signals;
        ut.inUser = true;
        return zero;
      }
    };
  }
  return out;
}

export function longjmp() {
  throw new LongJmp();
}
