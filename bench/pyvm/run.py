#!/usr/bin/env python3
"""pyvm versus python3 on the same scripts, in one run.

Prints, for each script in scripts/, the best of 3 wall times for python3 and pyvm and
their ratio (pyvm / python3: below 1.00 means pyvm is faster), then the geometric mean.
A benchmark, not a test: it never fails on speed. Usage: run.py PYVM_BINARY [PYTHON]
"""
import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def best_of(cmd, runs=3):
    best = None
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t = time.perf_counter() - t
        best = t if best is None else min(best, t)
    return best


def main():
    pyvm = sys.argv[1]
    py = sys.argv[2] if len(sys.argv) > 2 else "python3"
    folder = os.path.join(HERE, "scripts")
    print("%-14s %9s %9s %7s" % ("benchmark", "python3", "pyvm", "ratio"))
    logs = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".py"):
            continue
        script = os.path.join(folder, name)
        a = subprocess.run([py, script], capture_output=True, text=True)
        b = subprocess.run([pyvm, script], capture_output=True, text=True)
        if a.returncode or b.returncode or a.stdout != b.stdout:
            print("%-14s skipped: outputs differ or a run failed (%r vs %r)" % (name[:-3], a.stdout[:40], (b.stdout + b.stderr)[:80]))
            continue
        tp, tv = best_of([py, script]), best_of([pyvm, script])
        ratio = tv / tp
        logs.append(math.log(ratio))
        print("%-14s %8.3fs %8.3fs %7.2f" % (name[:-3], tp, tv, ratio))
    if logs:
        print("%-14s %27.2f" % ("geometric mean", math.exp(sum(logs) / len(logs))))


if __name__ == "__main__":
    main()
