#!/usr/bin/env python3
"""Run CPython's own `Lib/test` files for the modules pyvm implements natively (and
some it runs from Lib) under pyvm and under CPython 3.11, and print the test cases
that pass on each, side by side. Not part of CI: the whole run takes minutes.

    python3 bench/pyvm/lib_tests.py [--timeout S] [--only test_re,test_json] [PYVM]

Each test module runs in a fresh process of each interpreter through the same small
driver (unittest's loader and a plain TestResult: no test.regrtest), with a time
limit; a module that cannot load, crashes or times out counts 0 passed on that side
and its reason is printed.
"""

import json
import os
import subprocess
import sys
import time

MODULES = [
    # C-level modules pyvm implements natively.
    "test_re", "test_struct", "test_binascii", "test_hashlib", "test_zlib", "test_io",
    "test_json", "test_socket", "test_select", "test_math", "test_cmath", "test_array",
    "test_memoryview", "test_codecs", "test_time", "test_errno", "test_itertools",
    "test_functools", "test_operator", "test_bisect", "test_heapq", "test_weakref",
    "test_contextvars", "test_atexit", "test_gc", "test_string", "test_float", "test_int",
    "test_long", "test_complex", "test_unicode", "test_bytes", "test_list", "test_dict",
    "test_set", "test_tuple", "test_builtin", "test_thread", "test_threading",
    "test_signal", "test_os", "test_posix", "test_stat", "test_random", "test_queue",
    "test_locale",
    # Pure-Python modules of Lib, run on those.
    "test_collections", "test_textwrap", "test_base64", "test_dataclasses", "test_enum",
    "test_typing", "test_argparse", "test_logging", "test_datetime", "test_decimal",
    "test_fractions", "test_statistics", "test_copy", "test_pprint", "test_shlex",
    "test_difflib", "test_contextlib", "test_abc", "test_ast", "test_tokenize",
]

DRIVER = r'''
import sys, json, unittest
name = sys.argv[1]
out = {"name": name}
try:
    suite = unittest.defaultTestLoader.loadTestsFromName("test." + name)
except BaseException as e:
    out["error"] = "load: %s: %s" % (type(e).__name__, str(e)[:200])
else:
    result = unittest.TestResult()
    try:
        suite.run(result)
    except BaseException as e:
        out["error"] = "run: %s: %s" % (type(e).__name__, str(e)[:200])
    bad = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    out.update(run=result.testsRun, failed=bad, skipped=len(result.skipped),
               passed=result.testsRun - bad - len(result.skipped))
sys.stdout.flush()
sys.__stdout__.write("\n@@RESULT@@" + json.dumps(out) + "\n")
sys.__stdout__.flush()
'''


def run(interp, name, timeout):
    start = time.time()
    try:
        p = subprocess.run([interp, "-c", DRIVER, name], capture_output=True, text=True,
                           timeout=timeout, stdin=subprocess.DEVNULL,
                           errors="replace")
    except subprocess.TimeoutExpired:
        return {"error": "timed out after %ds" % timeout}, time.time() - start
    for line in reversed(p.stdout.splitlines()):
        if line.startswith("@@RESULT@@"):
            return json.loads(line[len("@@RESULT@@"):]), time.time() - start
    tail = (p.stderr.strip().splitlines() or ["no output"])[-1]
    return {"error": "exit %d: %s" % (p.returncode, tail[:200])}, time.time() - start


def main():
    args = sys.argv[1:]
    timeout = 300
    only = None
    pyvm = os.path.join(os.path.dirname(__file__), "..", "..", "target", "release", "pyvm")
    while args:
        a = args.pop(0)
        if a == "--timeout":
            timeout = int(args.pop(0))
        elif a == "--only":
            only = args.pop(0).split(",")
        else:
            pyvm = a
    modules = only or MODULES
    print("%-18s %13s %13s  %s" % ("module", "CPython", "pyvm", "pyvm's problem"))
    totals = [0, 0, 0]
    for name in modules:
        c, _ = run(sys.executable, name, timeout)
        v, secs = run(pyvm, name, timeout)
        cp, vp = c.get("passed", 0), v.get("passed", 0)
        totals[0] += cp
        totals[1] += vp
        totals[2] += c.get("run", 0)
        note = v.get("error", "")
        if not note and v.get("failed"):
            note = "%d failed or errored" % v["failed"]
        print("%-18s %6d/%-6d %6d/%-6d  %s" % (name, cp, c.get("run", 0), vp, v.get("run", 0),
                                              note), flush=True)
    print("%-18s %13d %13d  (%.1f%% of CPython's passes)" % (
        "total", totals[0], totals[1], 100.0 * totals[1] / max(totals[0], 1)))


if __name__ == "__main__":
    main()
