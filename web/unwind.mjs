// What the host throws to unwind wasm and JS frames on purpose (a
// thread's end, a longjmp, the next program of a thread, a trap found by
// the host): not an Error, whose constructor walks the stack for its
// trace, through every wasm frame of a kernel call.  A process start
// under Node.js throws two or three (its thread's end, its execve), and
// the walks were 2.5% of the CPU time of 1,000 `/bin/true`.
export class Unwind {
  constructor(message) { this.message = message; }

  toString() { return this.message; }
}
