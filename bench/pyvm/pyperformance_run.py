#!/usr/bin/env python3
"""pyperformance's pure-Python benchmarks under pyvm and python3, interleaved, in one run.

Run by bench/pyvm/pyperformance.sh, which downloads pyperformance 1.14.0 (and the two
pure-Python packages two benchmarks need, pyaes and tomli) into bench/.cache/ and builds
pyvm. Each benchmark's run_benchmark.py runs unchanged under both interpreters with our
own pyperf stand-in (bench/pyvm/pyperf.py) first on PYTHONPATH instead of pyperf:

  1. python3 calibrates: for every benchmark name, the loop count whose run takes at
     least --min-time seconds (pyperf's own rule, min_time 0.1 s);
  2. --reps times, python3 and pyvm each run the benchmark in a fresh process with those
     same loop counts (which goes first alternates), 1 warmup and --values timed values
     (fewer for a slow benchmark, so that a name costs python3 about 1.5 s a process:
     one run of bpe_tokeniser alone takes python3 6 s);
  3. a process's time per loop is the median of its values; a benchmark's time is the
     best (minimum) over the repetitions.

Prints benchmark, python3 time per loop, pyvm time per loop and the ratio pyvm / python3
(below 1.00: pyvm is faster); for a benchmark pyvm cannot run, the error's first line
(the exception line of a traceback, or the panic message). Then the geometric mean of
the ratios over the benchmarks that ran, how many ran, and the failures grouped by
cause. Full stderr of every failure goes to bench/.cache/pyperformance/logs/.
A benchmark, not a test: it never fails on speed or on a benchmark's failure.

Which benchmarks: every benchmark in pyperformance's MANIFEST except those in EXCLUDED
below (with the reason for each). `--list` prints both.
"""
import argparse
import math
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CACHE = os.path.join(ROOT, "bench", ".cache", "pyperformance")

# Benchmarks left out, by MANIFEST name (a folder name bm_X excludes all its variants).
EXCLUDED = {
    # Third-party packages beyond pyaes and tomli: the measurement is of the interpreter
    # on the standard library plus those two pure-Python packages.
    "asyncio_websockets": "third-party package websockets (with a C speedups module)",
    "chameleon": "third-party package Chameleon",
    "coverage": "third-party package coverage (its tracer is a C extension)",
    "dask": "third-party packages dask[distributed] (numpy, ...); needs Python >= 3.12",
    "django_template": "third-party package Django (+ asgiref, pytz, sqlparse, legacy-cgi)",
    "docutils": "third-party package docutils",
    "dulwich_log": "third-party package dulwich (C extensions), certifi, urllib3",
    "fastapi": "third-party packages fastapi, pydantic-core (a Rust extension), uvicorn, httpx",
    "genshi": "third-party packages Genshi (C speedups), six",
    "hg_startup": "third-party package mercurial (C extensions); disabled in the MANIFEST",
    "html5lib": "third-party packages html5lib, six, webencodings",
    "mako": "third-party packages Mako, MarkupSafe (a C extension)",
    "networkx": "third-party package networkx",
    "sphinx": "third-party packages Sphinx (+ ~20 dependencies), python-docs-theme",
    "sqlalchemy_declarative": "third-party packages SQLAlchemy, greenlet (a C extension)",
    "sqlalchemy_imperative": "third-party packages SQLAlchemy, greenlet (a C extension)",
    "sqlglot_v2": "third-party package sqlglot",
    "sympy": "third-party packages sympy, mpmath",
    "tornado_http": "third-party package tornado (C speedups)",
    "xdsl": "third-party package xdsl",
    # Standard library, but not the interpreter being measured.
    "sqlite_synth": "the C extension _sqlite3 over the SQLite library; no pure-Python fallback",
    "asyncio_tcp_ssl": "measures TLS in OpenSSL through the C extension _ssl",
    # Python 3.12+: asyncio.eager_task_factory does not exist in 3.11, so on 3.11 these
    # run exactly the same code as the non-eager variants.
    "async_tree_eager": "eager task factory is Python 3.12+ (same code as async_tree on 3.11)",
    "async_tree_eager_io": "eager task factory is Python 3.12+ (same as async_tree_io on 3.11)",
    "async_tree_eager_memoization": "eager task factory is Python 3.12+ (same as async_tree_memoization)",
    "async_tree_eager_cpu_io_mixed": "eager task factory is Python 3.12+ (same as async_tree_cpu_io_mixed)",
    "async_tree_eager_tg": "eager task factory is Python 3.12+ (same as async_tree_tg on 3.11)",
    "async_tree_eager_io_tg": "eager task factory is Python 3.12+ (same as async_tree_io_tg)",
    "async_tree_eager_memoization_tg": "eager task factory is Python 3.12+ (same as async_tree_memoization_tg)",
    "async_tree_eager_cpu_io_mixed_tg": "eager task factory is Python 3.12+ (same as async_tree_cpu_io_mixed_tg)",
}


def benchmarks_root():
    return os.path.join(CACHE, "pyperformance-1.14.0", "pyperformance", "data-files", "benchmarks")


def manifest_entries(root):
    """[(name, folder, extra_opts)] for the [benchmarks] section of the MANIFEST."""
    entries = []
    section = None
    with open(os.path.join(root, "MANIFEST")) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("["):
                section = line
                continue
            if section != "[benchmarks]" or line.startswith("name\t"):
                continue
            name, metafile = line.split("\t")[0], line.split("\t")[-1].strip()
            if metafile == "<local>":
                base, toml = name, "pyproject.toml"
            else:
                base, toml = metafile[len("<local:"):-1], "bm_%s.toml" % name
            folder = os.path.join(root, "bm_" + base)
            with open(os.path.join(folder, toml), "rb") as t:
                meta = tomllib.load(t)
            opts = meta.get("tool", {}).get("pyperformance", {}).get("extra_opts", [])
            entries.append((name, base, folder, list(opts)))
    return entries


def excluded_reason(name, base):
    return EXCLUDED.get(name) or EXCLUDED.get(base)


def fmt_time(t):
    if t is None:
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if t >= scale:
            return "%.3g %s" % (t / scale, unit) if t / scale < 100 else "%.0f %s" % (t / scale, unit)
    return "%.3g ns" % (t / 1e-9)


EXC_LINE = re.compile(r"^([A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning|Iteration)|[A-Za-z_][\w.]*Error)(: .*)?$")


def first_error(stderr, returncode, timed_out, timeout):
    """The one line that says why a run failed."""
    if timed_out:
        return "timeout after %g s" % timeout
    lines = [l.rstrip() for l in stderr.splitlines() if l.strip()]
    for i, l in enumerate(lines):  # a Rust panic: "thread '...' panicked at FILE:", then the message
        if "panicked at" in l:
            msg = l.strip()
            if msg.endswith(":") and i + 1 < len(lines):
                msg += " " + lines[i + 1].strip()
            return "PANIC " + msg
        if "has overflowed its stack" in l:
            return "CRASH " + l.strip()
    for l in reversed(lines):
        if EXC_LINE.match(l.strip()):
            return l.strip()
    if returncode is not None and returncode < 0:
        try:
            sig = signal.Signals(-returncode).name
        except ValueError:
            sig = str(-returncode)
        return "CRASH killed by %s" % sig + (" (%s)" % lines[-1].strip() if lines else "")
    if lines:
        return lines[-1].strip()
    return "exit status %s, no output" % returncode


def run(cmd, cwd, env, timeout):
    """(returncode, stdout, stderr, timed_out, seconds)"""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        out, err = p.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        out, err = p.communicate()
        timed_out = True
    return (p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
            timed_out, time.perf_counter() - t0)


def parse_results(stdout):
    """{name: median seconds per loop} from the ##pyperf lines."""
    res = {}
    for line in stdout.splitlines():
        if line.startswith("##pyperf "):
            parts = line.split()
            vals = [float(v) for v in parts[3:]]
            # xml_etree names its results xml_etree_pure_python_X where there is no C
            # accelerator (_elementtree), as under pyvm: they stand for xml_etree_X
            # (python3 runs the accelerator; pyvm, Lib's ElementTree over its pyexpat).
            # (Only those: pickle_pure_python is a benchmark of its own.)
            if vals:
                name = parts[1]
                if name.startswith("xml_etree_pure_python_"):
                    name = name.replace("_pure_python", "")
                res[name] = statistics.median(vals)
    return res


def parse_loops(stdout):
    """[(name, loops, seconds of one run of that many loops)] from a calibration."""
    loops = []
    for line in stdout.splitlines():
        if line.startswith("##pyperf-loops "):
            _, name, n, dt = line.split()
            loops.append((name, int(n), float(dt)))
    return loops


BUDGET = 1.5  # seconds of python3 time a benchmark name gets in a process, about


def plan(loops, values):
    """PYPERF_PLAN: per name, the loops, the warmups and the values (see pyperf.py)."""
    items = []
    for name, n, dt in loops:
        nvalues = max(1, min(values, int(BUDGET / dt)))
        warmups = 1 if dt < 1.0 else 0
        items.append("%s=%d/%d/%d" % (name, n, warmups, nvalues))
    return ",".join(items)


def save_log(name, who, text):
    logs = os.path.join(CACHE, "logs")
    os.makedirs(logs, exist_ok=True)
    with open(os.path.join(logs, "%s.%s.txt" % (name, who)), "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pyvm", default=os.environ.get("PYVM") or os.path.join(ROOT, "target", "release", "pyvm"))
    ap.add_argument("--python", default=os.environ.get("PYTHON", "python3"))
    ap.add_argument("--only", help="comma-separated benchmark names (MANIFEST names such as "
                    "scimark or pickle_pure_python, or a folder name such as pickle)")
    ap.add_argument("--reps", type=int, default=3, help="processes per interpreter (default 3)")
    ap.add_argument("--values", type=int, default=3, help="timed values per process (default 3)")
    ap.add_argument("--min-time", type=float, default=0.1,
                    help="seconds a value takes under python3 at least (default 0.1)")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per process (default 120)")
    ap.add_argument("--list", action="store_true", help="list included and excluded benchmarks")
    opts = ap.parse_args()

    root = benchmarks_root()
    entries = manifest_entries(root)
    included = [e for e in entries if not excluded_reason(e[0], e[1])]
    if opts.list:
        print("included (%d):" % len(included))
        for name, base, _, extra in included:
            print("  %-32s bm_%s %s" % (name, base, " ".join(extra)))
        print("excluded (%d):" % (len(entries) - len(included)))
        for name, base, _, _ in entries:
            reason = excluded_reason(name, base)
            if reason:
                print("  %-32s %s" % (name, reason))
        return
    if opts.only:
        wanted = set(opts.only.split(","))
        included = [e for e in included if e[0] in wanted or e[1] in wanted]
        unknown = wanted - {e[0] for e in included} - {e[1] for e in included}
        if unknown:
            print("not a runnable benchmark here: %s (see --list)" % ", ".join(sorted(unknown)))

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([HERE, os.path.join(CACHE, "site")])
    env["PYPERF_VALUES"] = str(opts.values)
    env["PYPERF_WARMUPS"] = "1"
    env["PYPERF_MIN_TIME"] = str(opts.min_time)
    env.pop("PYPERF_CALIBRATE", None)
    env.pop("PYPERF_PLAN", None)
    # The benchmarks run in their own folders: a relative path to a binary would break.
    interp = {who: os.path.abspath(path) if os.sep in path else path
              for who, path in (("python3", opts.python), ("pyvm", opts.pyvm))}

    print("pyperformance 1.14.0: %s versus %s; %d pyperformance entries, %d processes each, time per loop, "
          "best of the processes' medians" % (opts.pyvm, opts.python, len(included), opts.reps))
    print("%-32s %10s %10s %7s" % ("benchmark", "python3", "pyvm", "ratio"))
    sys.stdout.flush()

    rows = []  # (row name, entry name, t_python3, t_pyvm, error)
    for name, base, folder, extra in included:
        script = os.path.join(folder, "run_benchmark.py")
        # 1. calibrate under python3
        cenv = dict(env, PYPERF_CALIBRATE="1")
        rc, out, err, to, _ = run([opts.python, script] + extra, folder, cenv, opts.timeout)
        loops = parse_loops(out)
        if rc != 0 or to or not loops:
            msg = first_error(err, rc, to, opts.timeout)
            save_log(name, "python3", err)
            rows.append((name, name, None, None, "python3 failed: " + msg))
            print("%-32s python3 failed: %s" % (name, msg))
            sys.stdout.flush()
            continue
        renv = dict(env, PYPERF_PLAN=plan(loops, opts.values))
        names = [n for n, _, _ in loops]
        times = {who: {n: [] for n in names} for who in interp}
        errors = {}
        for r in range(opts.reps):
            order = ["python3", "pyvm"] if r % 2 == 0 else ["pyvm", "python3"]
            for who in order:
                if who in errors and not any(times[who].values()):
                    continue  # failed before any result: do not run it again
                rc, out, err, to, _ = run([interp[who], script] + extra, folder, renv, opts.timeout)
                for n, t in parse_results(out).items():
                    if n in times[who]:
                        times[who][n].append(t)
                if (rc != 0 or to) and who not in errors:
                    errors[who] = first_error(err, rc, to, opts.timeout)
                    save_log(name, who, err)
        for n in names:
            tp = min(times["python3"][n]) if times["python3"][n] else None
            tv = min(times["pyvm"][n]) if times["pyvm"][n] else None
            error = None
            if tp is None:
                error = "python3 failed: " + errors.get("python3", "no result")
            elif tv is None:
                error = errors.get("pyvm", "no result")
            # The MANIFEST name (what --only takes) for an entry that times one thing;
            # else the names it gives, prefixed with the entry's where they do not say
            # which benchmark they belong to (concurrent_imap's "bench_mp_pool").
            if len(names) == 1:
                label = name
            else:
                label = n if name in n else "%s:%s" % (name, n)
            rows.append((label, name, tp, tv, error))
            if error:
                print("%-32s %10s %10s %7s  %s" % (label, fmt_time(tp), "-", "-", error))
            else:
                print("%-32s %10s %10s %7.2f" % (label, fmt_time(tp), fmt_time(tv), tv / tp))
            sys.stdout.flush()

    ran = [(n, tp, tv) for n, _, tp, tv, e in rows if e is None]
    print()
    if ran:
        gm = math.exp(sum(math.log(tv / tp) for _, tp, tv in ran) / len(ran))
        print("geometric mean of pyvm / python3 over the %d that ran: %.2f" % (len(ran), gm))
    print("pyvm ran %d of %d benchmarks (%d of %d pyperformance entries ran completely)" % (
        len(ran), len(rows),
        len({e for _, e, _, _, err in rows} - {e for _, e, _, _, err in rows if err}),
        len({e for _, e, _, _, _ in rows})))
    causes = {}
    for n, _, _, _, e in rows:
        if e:
            causes.setdefault(e, []).append(n)
    if causes:
        print("\nfailures by cause (stderr in %s):" % os.path.join(CACHE, "logs"))
        for e, ns in sorted(causes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            print("  %s\n      %s" % (e, ", ".join(ns)))


if __name__ == "__main__":
    main()
