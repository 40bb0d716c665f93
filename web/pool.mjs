// Workers for the kernel's host threads, kept when their thread ends.
//
// Every new host thread (a kernel thread, a fork's child, a program's
// thread) runs on a worker, and starting one costs tens of milliseconds
// (an engine isolate and our ES modules: about 40 ms under Node.js on a
// two-core machine), more than a whole process start takes natively.  So
// a worker whose thread (role 'thread') has ended says so and waits for
// the next one, which gets a kernel instance of its own there as on a
// new worker (thread.mjs).  The other roles (boot, timer, input, network,
// disk) keep their worker to the end of the run.
//
// newWorker(onMessage) makes a worker and returns post(data), which
// hands it a thread to run; the worker's messages to onMessage are
// { spawn: data } (start this thread too) and { idle: true } (its
// thread has ended).  Returns start(data), which runs a thread.
export function workerPool(newWorker) {
  const idle = [];
  const start = (data) => {
    let post = idle.pop();
    if (!post) {
      post = newWorker((m) => {
        if (m.spawn) start(m.spawn);
        else if (m.idle) idle.push(post);
      });
    }
    post(data);
  };
  return start;
}

// The worker's side: whether a thread that ran there leaves it free.
export const reusable = (data) => data.role === 'thread';
