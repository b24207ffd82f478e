#!/usr/bin/env python3
"""Conformance of pyvm against MicroPython's test suite, judged by CPython.

    python3 bench/micropython/conformance.py MICROPYTHON_TESTS_DIR [PYVM] [options]

MICROPYTHON_TESTS_DIR is the `tests` folder of a micropython checkout
(git clone https://github.com/micropython/micropython); its basics/, float/
and thread/ scripts are run.  The expected output of a script is what
CPython (`python3`, 3.11) prints for it, never MicroPython's .exp files:

- a script that CPython does not run (exit status not 0, "SKIP" printed,
  or a timeout) is left out as "CPython does not run";
- otherwise it runs under pyvm (default target/release/pyvm) with the same
  timeout, and it is identical when stdout and the exit status are equal.

Thread scripts: CPython runs each twice.  When its two outputs differ the
output depends on scheduling, and both sides are then compared with their
lines sorted (the script still counts).  Each script runs in its own folder
as `python3 NAME.py` with PYTHONHASHSEED=0, at most 2 at a time.
"""

import argparse
import concurrent.futures
import os
import subprocess
import sys

DIRS = ("basics", "float", "thread")
TARGETS = {"basics": 97.0, "float": 95.0, "thread": 100.0}


def run(argv, path, timeout):
    """Run one script; return (stdout, exit status) or None on a timeout."""
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
    try:
        proc = subprocess.run(
            argv + [os.path.basename(path)],
            cwd=os.path.dirname(path),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            env=env,
        )
    except subprocess.TimeoutExpired:
        return None
    return proc.stdout, proc.returncode


def cpython_runs(result):
    return result is not None and result[1] == 0 and result[0].strip() != b"SKIP"


def sorted_lines(out):
    return b"\n".join(sorted(out.splitlines()))


def judge(path, pyvm, timeout, twice):
    """Return (verdict, note): verdict is 'excluded', 'same' or 'differs'."""
    expected = run([sys.executable], path, timeout)
    if not cpython_runs(expected):
        return "excluded", ""
    sort = False
    if twice:
        again = run([sys.executable], path, timeout)
        if not cpython_runs(again):
            return "excluded", "CPython runs it only sometimes"
        sort = again[0] != expected[0]
    got = run([pyvm], path, timeout)
    if got is None:
        return "differs", "timeout"
    if got[1] != expected[1]:
        return "differs", "exit status %d" % got[1]
    if sort:
        same = sorted_lines(got[0]) == sorted_lines(expected[0])
        return ("same" if same else "differs"), "compared sorted"
    return ("same" if got[0] == expected[0] else "differs"), "output"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_pyvm = os.path.join(here, "..", "..", "target", "release", "pyvm")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tests", help="the tests folder of a micropython checkout")
    parser.add_argument("pyvm", nargs="?", default=default_pyvm)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--dirs", default=",".join(DIRS))
    parser.add_argument("--only", default="", help="run only scripts whose name has this")
    args = parser.parse_args()
    pyvm = os.path.abspath(args.pyvm)
    totals = []
    for sub in args.dirs.split(","):
        folder = os.path.join(args.tests, sub)
        names = sorted(
            n for n in os.listdir(folder) if n.endswith(".py") and args.only in n
        )
        paths = [os.path.join(folder, n) for n in names]
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            verdicts = list(
                pool.map(lambda p: judge(p, pyvm, args.timeout, sub == "thread"), paths)
            )
        runnable = [(n, v) for n, v in zip(names, verdicts) if v[0] != "excluded"]
        same = sum(1 for _, v in runnable if v[0] == "same")
        sorted_rule = [n for n, v in runnable if v[1] == "compared sorted"]
        pct = 100.0 * same / len(runnable) if runnable else 100.0
        totals.append((sub, len(names), len(runnable), same, pct))
        print("== %s: %d scripts, %d run by CPython, %d identical under pyvm (%.1f%%)"
              % (sub, len(names), len(runnable), same, pct))
        for name, (verdict, note) in runnable:
            if verdict == "differs":
                print("   differs: %s (%s)" % (name, note))
        if sorted_rule:
            print("   compared with sorted lines: %s" % ", ".join(sorted_rule))
    print()
    print("%-8s %8s %9s %10s %8s %7s" % ("dir", "scripts", "CPython", "identical", "percent", "target"))
    for sub, total, runnable, same, pct in totals:
        print("%-8s %8d %9d %10d %7.1f%% %6.0f%%" % (sub, total, runnable, same, pct, TARGETS.get(sub, 0)))


if __name__ == "__main__":
    main()
