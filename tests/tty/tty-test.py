#!/usr/bin/env python3
"""wasmlinux on a terminal (a pseudo-terminal here): the interactive
shell, Ctrl-C, job control, the window size, Ctrl-D.  Prints "ok WHAT" or
"FAIL WHAT" lines for tests/run-tests.sh.

usage: tty-test.py WASMLINUX [ARGS...]  (ARGS: e.g. --load DIR with
/tests/raw, the libc-free test program, for the trap check)
"""
import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

wl = sys.argv[1]
out = b''


def check(cond, what):
    print(('ok ' if cond else 'FAIL ') + what, flush=True)
    if not cond:
        sys.stdout.write('     | ' + out[-600:].decode(errors='replace')
                         .replace('\r', '').replace('\n', '\n     | ') + '\n')


def set_size(fd, rows, cols):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))


def expect(fd, what, timeout=20):
    """Reads until `what` (bytes) appears after the current mark."""
    global out
    start = len(out)
    end = time.time() + timeout
    while what not in out[start:]:
        left = end - time.time()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return False
        try:
            data = os.read(fd, 4096)
        except OSError:
            return False
        if not data:
            return False
        out += data
    return True


def mark():
    return len(out)


def main():
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(wl, [wl] + sys.argv[2:])
    set_size(fd, 40, 100)
    os.kill(pid, signal.SIGWINCH)
    prompt = b'# '
    check(expect(fd, prompt), 'tty: the shell shows its prompt on a terminal')

    os.write(fd, b'echo hello $((6 * 7))\r')
    check(expect(fd, b'hello 42'), 'tty: typed commands run (line discipline in the kernel)')

    os.write(fd, b'stty size\r')
    check(expect(fd, b'40 100'), 'tty: the window size is the host terminal\'s')
    set_size(fd, 30, 90)
    os.kill(pid, signal.SIGWINCH)
    time.sleep(0.5)
    os.write(fd, b'stty size\r')
    check(expect(fd, b'30 90'), 'tty: the window size follows a resize')

    os.write(fd, b'sleep 100\r')
    time.sleep(1)
    t0 = time.time()
    os.write(fd, b'\x03')
    ok = expect(fd, prompt, 10)
    os.write(fd, b'echo status=$?\r')
    check(ok and expect(fd, b'status=130') and time.time() - t0 < 10,
          'tty: Ctrl-C interrupts sleep 100 (SIGINT to the foreground job)')

    # (hosts that can interrupt a running program: TTY_TEST_ASYNC=1)
    # (ten times: the interrupt lands anywhere in the shell's loop)
    if os.environ.get('TTY_TEST_ASYNC') == '1':
        ok = True
        for i in range(10):
            os.write(fd, b'while :; do :; done\r')
            time.sleep(0.2 + 0.05 * i)
            os.write(fd, b'\x03')
            ok = ok and expect(fd, prompt, 10)
            os.write(fd, b'echo after $((40 + %d))\r' % i)
            ok = ok and expect(fd, b'after %d' % (40 + i), 5)
        check(ok, 'tty: Ctrl-C interrupts a loop that makes no system calls, 10 times')

    os.write(fd, b'sleep 100 &\r')
    expect(fd, prompt)
    os.write(fd, b'jobs\r')
    check(expect(fd, b'sleep 100'), 'tty: a background job is listed by jobs')
    # (once the job runs sleep: until the forked shell has set SIGTERM
    # back from the interactive shell's SIG_IGN, a kill is lost, as on
    # any Linux, and a fork's child takes a while to start here)
    os.write(fd, b'until grep -q 100 /proc/$!/cmdline; do sleep 0.1; done\r')
    expect(fd, prompt)
    os.write(fd, b'kill %1; wait %1; echo killed=$?\r')
    check(expect(fd, b'killed=143'), 'tty: kill %1 ends the background job (SIGTERM, 143)')

    if '--load' in sys.argv:
        os.write(fd, b'/tests/raw null\r')
        check(expect(fd, b'Segmentation fault'),
              'tty: the shell says "Segmentation fault" for a program that traps')
        expect(fd, prompt)

    os.write(fd, b'exit 7\r')
    status = None
    end = time.time() + 20
    while time.time() < end:
        r, st = os.waitpid(pid, os.WNOHANG)
        if r:
            status = os.waitstatus_to_exitcode(st)
            break
        try:
            if select.select([fd], [], [], 0.2)[0]:
                os.read(fd, 4096)
        except OSError:
            pass
    check(status == 7, 'tty: exit 7 ends the run with status 7 (got %s)' % status)
    if status is None:
        os.kill(pid, signal.SIGKILL)


main()
