"""micro_thread costs, measured inside pyvm: python pyvm_mt.py KIND N."""
import sys
import time
from micro_thread import start_and_forget, micro_pipe, generate

kind, n = sys.argv[1], int(sys.argv[2])


def nothing():
    pass


def nap():
    time.sleep(1.0)


if kind == "spawn":
    t = time.perf_counter()
    for _ in range(n):
        start_and_forget(nothing)
    time.sleep(0)                       # they all run and finish here
    print("spawn_ns", (time.perf_counter() - t) / n * 1e9)
elif kind == "sleepers":
    for _ in range(n):
        start_and_forget(nap)
    time.sleep(0.5)                     # all of them asleep at once
    print("sleepers", n)
elif kind == "handoff":
    p = micro_pipe()

    def writer():
        for i in range(n):
            p.put(i)
        p.close()

    start_and_forget(writer)
    t = time.perf_counter()
    total = 0
    for v in p:
        total += v
    print("handoff_ns", (time.perf_counter() - t) / n * 1e9)
elif kind == "pipeline":
    def source():
        for i in range(n):
            put(i)

    def stage():
        for v in iter():
            put(v + 1)

    t = time.perf_counter()
    p = generate(source)
    for _ in range(4):
        p = generate(stage, stdin=p)
    total = sum(p)
    print("pipeline_per_s", n / (time.perf_counter() - t))
