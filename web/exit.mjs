// The end of a run: the worker that stops the kernel (power off, panic,
// a trap) writes the status and raises the flag, which boot.mjs waits for;
// every worker then waits forever, the page or cli.mjs ends them.
import { EXIT_STATUS, EXITED } from './control.mjs';

export function stopForGood(ctl, status) {
  Atomics.store(ctl, EXIT_STATUS, status);
  Atomics.store(ctl, EXITED, 1);
  Atomics.notify(ctl, EXITED);
  for (;;) Atomics.wait(ctl, EXITED, 1);
}

// The run's exit status, once the kernel has stopped.
export async function exitStatus(ctl) {
  await Atomics.waitAsync(ctl, EXITED, 0).value;
  return Atomics.load(ctl, EXIT_STATUS);
}
