#!/usr/bin/env python3
"""micro_threads versus peers in one run (a benchmark: never fails on speed).

  spawn     start and finish N micro_threads / asyncio tasks: ns each
  memory    N asleep at once: bytes each, from the process's peak RSS (minus the
            peak of the same program with none)
  handoff   values passed one at a time between two threads over a pipe /
            asyncio.Queue(maxsize=1) / a plain generator: ns per value
  pipeline  a 5-stage pipeline: values per second

Usage: run.py PYVM [PYTHON]
"""
import os
import resource
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd):
    """(stdout's number, peak RSS in bytes) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if p.returncode:
        raise RuntimeError(" ".join(cmd) + ": " + p.stderr[-300:])
    value = float(p.stdout.split()[-1])
    # ru_maxrss of the children is a running maximum: measure each in a fresh child.
    return value, max(peak, before) * 1024


def measure(cmd):
    """Like run() but in a fresh wrapper, so the peak RSS is this child's own."""
    code = ("import resource,subprocess,sys;p=subprocess.run(sys.argv[1:],capture_output=True,"
            "text=True);print(p.stdout.strip().split()[-1] if p.returncode==0 else 'nan',"
            "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss*1024)")
    p = subprocess.run([sys.executable, "-c", code] + cmd, capture_output=True, text=True,
                       timeout=900)
    value, rss = p.stdout.split()
    return float(value), int(rss)


def main():
    pyvm = sys.argv[1]
    py = sys.argv[2] if len(sys.argv) > 2 else "python3"
    mt = [pyvm, os.path.join(HERE, "pyvm_mt.py")]
    aio = [py, os.path.join(HERE, "asyncio_mt.py")]
    n_spawn, n_mem, n_hand, n_pipe = 1_000_000, 1_000_000, 1_000_000, 200_000
    rows = []
    a, _ = measure(mt + ["spawn", str(n_spawn)])
    b, _ = measure(aio + ["spawn", str(n_spawn)])
    rows.append(("spawn (ns each)", a, b, None))
    _, base_v = measure(mt + ["sleepers", "0"])
    _, full_v = measure(mt + ["sleepers", str(n_mem)])
    _, base_a = measure(aio + ["sleepers", "0"])
    _, full_a = measure(aio + ["sleepers", str(n_mem)])
    rows.append(("memory (B each asleep)", (full_v - base_v) / n_mem,
                 (full_a - base_a) / n_mem, None))
    a, _ = measure(mt + ["handoff", str(n_hand)])
    b, _ = measure(aio + ["handoff", str(n_hand)])
    c, _ = measure(aio + ["gen-handoff", str(n_hand)])
    rows.append(("hand-off (ns/value)", a, b, c))
    a, _ = measure(mt + ["pipeline", str(n_pipe)])
    b, _ = measure(aio + ["pipeline", str(n_pipe)])
    c, _ = measure(aio + ["gen-pipeline", str(n_pipe)])
    rows.append(("5-stage pipeline (values/s)", a, b, c))
    print("%-28s %14s %14s %8s %14s" % ("", "pyvm", "asyncio", "ratio", "generators"))
    for name, v, b, c in rows:
        # ratio: how many times better pyvm is (lower is better, except values/s).
        ratio = (v / b) if "values/s" in name else (b / v if v else float("inf"))
        print("%-28s %14.0f %14.0f %7.2fx %14s" % (name, v, b, ratio,
                                                     "" if c is None else "%.0f" % c))
    print("ratio: how many times better pyvm does than asyncio")


if __name__ == "__main__":
    main()
