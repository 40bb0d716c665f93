# A fixed Python workload for bench/ports-bench.sh, in the manner of
# pyperformance's: calls, objects, strings, json, regular expressions,
# sorting.  Prints each part's time (the program's own clock, as
# speedtest1 does) and the output's checksum, which both sides compare.
import hashlib
import json
import re
import time


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)


def objects():
    v = Vec(0, 0)
    for i in range(300000):
        v = v + Vec(i, -i)
    return v.x


def strings():
    return len(",".join("%d:%x" % (i, i * 7919 % 65536) for i in range(200000)))


def json_round():
    d = {"k%d" % i: [i, str(i), {"f": i / 3}] for i in range(2000)}
    return sum(len(json.dumps(json.loads(json.dumps(d)))) for _ in range(10))


def regex():
    s = "abc123 def4567 ghi89 " * 5000
    return sum(len(re.findall(r"[a-z]+(\d+)", s)) for _ in range(40))


def sorting():
    seed, t = 42, []
    for _ in range(200000):
        seed = (seed * 1103515245 + 12345) % 2147483648
        t.append(seed)
    return sorted(t)[1000] + len(sorted(map(str, t)))


out = []
total = 0.0
for name, f in (("fib", lambda: fib(27)), ("objects", objects), ("strings", strings),
                ("json", json_round), ("regex", regex), ("sorting", sorting)):
    t0 = time.perf_counter()
    out.append(f())
    dt = time.perf_counter() - t0
    total += dt
    print("%-8s %.3f" % (name, dt))
print("TOTAL %.3f" % total)
print("checksum", hashlib.sha256(repr(out).encode()).hexdigest()[:16])
