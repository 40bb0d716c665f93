// One-shot timers: each has a worker of its own that waits for its
// deadline and runs the kernel's function.  The handle's record
// (handles.mjs) holds, after its first cell, a sequence number that each
// change of the deadline bumps (to wake the worker) and the deadline, in
// ns of the host's monotonic clock, 0 when disarmed.
import { handleCell } from './handles.mjs';

const deadlineOf = (ctl, h) => new BigInt64Array(ctl.buffer, handleCell(h, 2) * 4, 1);

// deadline: 0n disarms.
export function timerSet(ctl, h, deadline) {
  Atomics.store(deadlineOf(ctl, h), 0, deadline);
  Atomics.add(ctl, handleCell(h, 1), 1);
  Atomics.notify(ctl, handleCell(h, 1));
}

// The timer's worker, forever: fire() at each deadline.  The deadline is
// cleared as it fires, unless it changed meanwhile: then it is the new one.
export function timerThread(ctl, h, now, fire) {
  const seq = handleCell(h, 1);
  const deadline = deadlineOf(ctl, h);
  for (;;) {
    const s = Atomics.load(ctl, seq);
    const d = Atomics.load(deadline, 0);
    if (!d) { Atomics.wait(ctl, seq, s); continue; }
    const ms = Number(d - now()) / 1e6;
    if (ms > 0 && Atomics.wait(ctl, seq, s, ms) !== 'timed-out') continue;
    if (Atomics.compareExchange(deadline, 0, d, 0n) === d) fire();
  }
}
