// Workers for the kernel's host threads, kept when their thread ends.
//
// Every new host thread (a kernel thread, a fork's child, a program's
// thread) runs on a worker, and starting one costs tens of milliseconds
// (an engine isolate and our ES modules: about 40 ms under Node.js on a
// two-core machine), more than a whole process start takes natively.  So
// a worker whose thread (role 'thread') has ended says so and waits for
// the next one, which runs on the kernel instance the worker made for
// its first (thread.mjs).  The other roles (boot, timer, input, network,
// disk) keep their worker to the end of the run.
//
// The boot starts its host threads one after the other, each waiting
// for the last to run, so that on new workers each waits for one to
// start while the other cores idle: 15 of them for a boot to power-off
// (23 before the kernel made no workqueue rescuers, patch 0015).  This
// many workers are started at once, before the kernel needs them, while
// it is fetched and compiled (under Node.js on two cores, a boot to
// power-off took 765 ms with none, 560 ms with 24; a boot to the shell
// 1,180 and 900 ms: starting them is still most of it, a boot's CPU
// time: 16 rather than 24 took a boot to the shell from 1.29-1.33 s to
// 1.16-1.22 s on a slower machine).
export const BOOT_WORKERS = 16;

// Once those are taken, this many are kept started ahead of need: /init
// runs a few processes at once (udhcpc, its script, the script's
// commands), each on a worker of its own, and a new worker costs 40 ms
// when it is waited for, nothing (on the other core) when it is not.
// Under Node.js on two cores, /init's DHCP lease took 65-150 ms with
// none, the same as after the boot (about 35 ms) with these.
const SPARE_WORKERS = 2;

// newWorker(onMessage) makes a worker and returns post(data), which
// hands it a thread to run; the worker's messages to onMessage are
// { spawn: data } (start this thread too) and { idle: true } (its
// thread has ended).  ready workers are made at once.  Returns
// start(data), which runs a thread.
export function workerPool(newWorker, ready = 0) {
  const idle = [];
  const make = () => {
    const post = newWorker((m) => {
      if (m.spawn) start(m.spawn);
      else if (m.idle) idle.push(post);
    });
    return post;
  };
  const start = (data) => {
    (idle.pop() ?? make())(data);
    // (a spare goes first in line: the workers that have run a thread
    // already, at its end, have their kernel instance)
    while (idle.length < SPARE_WORKERS) idle.unshift(make());
  };
  // (the first made first: idle is taken from its end)
  idle.push(...Array.from({ length: ready }, make).reverse());
  return start;
}

// The worker's side: whether a thread that ran there leaves it free.
export const reusable = (data) => data.role === 'thread';
