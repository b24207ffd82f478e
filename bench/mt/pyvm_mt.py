"""micro_thread costs, measured inside pyvm: python pyvm_mt.py KIND N.

The soft/hard kinds time the same waits reached two ways: straight from Python code
(a soft switch: the frames stay on the heap) and from Python code that a built-in
calls back, or a built-in reading a pipe (a hard switch: the built-in's worker stack
is suspended). Each prints `hard_switches H` (micro_thread.hard_switches() over the
timed part) before its figure and fails if H shows the other path was measured.
"""
import functools
import sys
import time
from micro_thread import start_and_forget, micro_pipe, generate, runnable

kind, n = sys.argv[1], int(sys.argv[2])


def nothing():
    pass


def resident():
    """The process's resident memory now (VmRSS), in bytes."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def nap():
    time.sleep(30.0)


if kind == "spawn":
    t = time.process_time()
    for _ in range(n):
        start_and_forget(nothing)
    time.sleep(0)                       # they all run and finish here
    print("spawn_ns", (time.process_time() - t) / n * 1e9)
elif kind == "sleepers":
    before = resident()
    for _ in range(n):
        start_and_forget(nap)
    time.sleep(0.5)
    while runnable() > 1:               # until all of them are asleep at once
        time.sleep(0.05)
    time.sleep(0.05)                    # the process idle: pyvm's allocator collects
    print("resident_B_each", (resident() - before) / max(n, 1))
elif kind == "handoff":
    p = micro_pipe()

    def writer():
        for i in range(n):
            p.put(i)
        p.close()

    start_and_forget(writer)
    t = time.process_time()
    total = 0
    for v in p:
        total += v
    print("handoff_ns", (time.process_time() - t) / n * 1e9)
elif kind == "pipeline":
    def source():
        for i in range(n):
            put(i)

    def stage():
        for v in iter():
            put(v + 1)

    t = time.process_time()
    p = generate(source)
    for _ in range(4):
        p = generate(stage, stdin=p)
    total = sum(p)
    print("pipeline_per_s", n / (time.process_time() - t))
elif kind in ("soft_sleep", "hard_sleep"):
    # N sleep(0) round trips: another micro_thread is always runnable, so each
    # sleep(0) really switches away and back (that one sleeps softly in both kinds).
    from micro_thread import hard_switches
    stop = []

    def spinner():
        while not stop:
            time.sleep(0)

    def key(x):
        time.sleep(0)
        return x

    start_and_forget(spinner)
    time.sleep(0)                       # the spinner is running
    h = hard_switches()
    t = time.process_time()
    if kind == "soft_sleep":
        for x in range(n):              # a Python loop calls key: soft
            key(x)
    else:
        sorted(range(n), key=key)       # sorted() calls key: hard
    dt = time.process_time() - t
    h = hard_switches() - h
    stop.append(1)
    time.sleep(0)
    print("hard_switches", h)
    if kind == "soft_sleep":
        assert h <= n // 100, "soft_sleep hard-switched %d times in %d sleeps" % (h, n)
    else:
        assert h >= n, "hard_sleep hard-switched only %d times in %d sleeps" % (h, n)
    print(kind + "_ns", dt / n * 1e9)
elif kind in ("soft_pipe", "hard_pipe"):
    # N values through a micro_pipe, combined by the same Python function f: by a
    # `for` loop (soft) or by functools.reduce reading the pipe (hard). The reader
    # waits about once per 3 values (the one-value buffer, then the value of the
    # writer waiting on it), so H is about N/3 for hard_pipe.
    from micro_thread import hard_switches
    p = micro_pipe()

    def writer():
        for i in range(n):
            p.put(i)
        p.close()

    def f(a, b):
        return a + b

    start_and_forget(writer)
    h = hard_switches()
    t = time.process_time()
    if kind == "soft_pipe":
        total = 0
        for v in p:
            total = f(total, v)
    else:
        total = functools.reduce(f, p, 0)
    dt = time.process_time() - t
    h = hard_switches() - h
    assert total == n * (n - 1) // 2, total
    print("hard_switches", h)
    if kind == "soft_pipe":
        assert h <= n // 100, "soft_pipe hard-switched %d times for %d values" % (h, n)
    else:
        assert h >= n // 4, "hard_pipe hard-switched only %d times for %d values" % (h, n)
    print(kind + "_ns", dt / n * 1e9)
else:
    raise SystemExit("unknown kind " + kind)
