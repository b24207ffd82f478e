#!/usr/bin/env python3
"""micro_threads versus peers in one run (a benchmark: never fails on speed).

  spawn     start and finish N micro_threads / asyncio tasks: ns each
  memory    N asleep at once: bytes each, from the process's peak RSS (minus the
            peak of the same program with none), and from its resident memory
            (VmRSS) while they all sleep, over what it was before starting them
            (the peak also counts what was freed on the way: the old buffers of
            tables that doubled)
  handoff   values passed one at a time between two threads over a pipe /
            asyncio.Queue(maxsize=1) / a plain generator: ns per value
  pipeline  a 5-stage pipeline: values per second
  soft/hard the same suspend/resume reached straight from Python code (a soft switch)
            and through a built-in (a hard switch: the built-in's worker stack is
            suspended): N time.sleep(0) round trips, called by a for loop or by
            sorted()'s key function, and N values through a micro_pipe, combined by
            a for loop or by functools.reduce reading the pipe; ns per sleep / value,
            best of 3 runs. Each child checks micro_thread.hard_switches() (about
            N for hard sleeps, about N/3 for the hard pipe, 0 for soft), so these
            rows cannot silently measure the other path. asyncio's peers are
            `await asyncio.sleep(0)` and asyncio.Queue(maxsize=1); it has none for
            the hard rows (a coroutine cannot wait inside a built-in's callback).

Times are CPU time (time.process_time(), user and system), not wall-clock time: the
machine running this may be shared, and another process taking the core would
otherwise count as ours. Every kind here runs on one OS thread.

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


def timed(cmd, repeat):
    """(best ns figure, its hard switches) over `repeat` runs of a soft/hard kind.
    A child whose hard-switch check failed stops the benchmark with its message."""
    best = None
    for _ in range(repeat):
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        if p.returncode:
            raise RuntimeError(" ".join(cmd) + ": " + p.stderr[-300:])
        lines = [line.split() for line in p.stdout.splitlines() if line.strip()]
        hard = next((float(w[1]) for w in lines if w[0] == "hard_switches"), None)
        value = float(lines[-1][-1])
        if best is None or value < best[0]:
            best = (value, hard)
    return best


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
    still_v, full_v = measure(mt + ["sleepers", str(n_mem)])
    _, base_a = measure(aio + ["sleepers", "0"])
    still_a, full_a = measure(aio + ["sleepers", str(n_mem)])
    rows.append(("memory, peak (B each asleep)", (full_v - base_v) / n_mem,
                 (full_a - base_a) / n_mem, None))
    rows.append(("memory, resident while asleep (B each)", still_v, still_a, None))
    a, _ = measure(mt + ["handoff", str(n_hand)])
    b, _ = measure(aio + ["handoff", str(n_hand)])
    c, _ = measure(aio + ["gen-handoff", str(n_hand)])
    rows.append(("hand-off (ns/value)", a, b, c))
    a, _ = measure(mt + ["pipeline", str(n_pipe)])
    b, _ = measure(aio + ["pipeline", str(n_pipe)])
    c, _ = measure(aio + ["gen-pipeline", str(n_pipe)])
    rows.append(("5-stage pipeline (values/s)", a, b, c))
    # Soft versus hard switches: each soft kind runs right before its hard one.
    n_sw, repeat = 500_000, 3
    sw = {}
    for what in ("sleep", "pipe"):
        for how in ("soft", "hard"):
            sw[how, what] = timed(mt + ["%s_%s" % (how, what), str(n_sw)], repeat)
    aio_sleep, _ = timed(aio + ["soft_sleep", str(n_sw)], repeat)
    aio_pipe, _ = timed(aio + ["soft_pipe", str(n_sw)], repeat)
    hs_sleep = sw["hard", "sleep"][0] / sw["soft", "sleep"][0]
    hs_pipe = sw["hard", "pipe"][0] / sw["soft", "pipe"][0]
    rows.append(("sleep(0) round trip, soft (ns)", sw["soft", "sleep"][0], aio_sleep, None))
    rows.append(("sleep(0) round trip, hard (ns)", sw["hard", "sleep"][0], None, None,
                 hs_sleep))
    rows.append(("pipe hand-off consumed by a for loop, soft (ns)", sw["soft", "pipe"][0],
                 aio_pipe, None))
    rows.append(("pipe hand-off consumed by a built-in, hard (ns)", sw["hard", "pipe"][0],
                 None, None, hs_pipe))
    width = max(len(r[0]) for r in rows)
    print("%-*s %14s %14s %8s %14s %10s" % (width, "", "pyvm", "asyncio", "ratio",
                                            "generators", "hard/soft"))
    for name, v, b, c, *hs in rows:
        # ratio: how many times better pyvm is (lower is better, except values/s).
        if b is None:
            ratio = ""
        elif "values/s" in name:
            ratio = "%7.2fx" % (v / b)
        else:
            ratio = "%7.2fx" % (b / v if v else float("inf"))
        print("%-*s %14.0f %14s %8s %14s %10s" % (
            width, name, v, "" if b is None else "%.0f" % b, ratio,
            "" if c is None else "%.0f" % c, "%.2fx" % hs[0] if hs else ""))
    print("ratio: how many times better pyvm does than asyncio")
    print("hard/soft: the hard row's time over the soft row's (same Python work per op)")
    for what, unit in (("sleep", "sleep"), ("pipe", "value")):
        per = sw["hard", what][1] / n_sw
        extra = (sw["hard", what][0] - sw["soft", what][0]) / per if per else float("nan")
        print("  %s: %.2f hard switches per %s (soft: %.2f), so one hard switch costs"
              " %.0f ns more than a soft one" % (what, per, unit, sw["soft", what][1] / n_sw,
                                                 extra))
    print("  (N = %d per run, best of %d runs)" % (n_sw, repeat))


if __name__ == "__main__":
    main()
