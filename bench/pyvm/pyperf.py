"""A tiny stand-in for pyperf, so pyperformance's benchmarks run unchanged under pyvm.

pyperformance's run_benchmark.py files do `runner = pyperf.Runner()`, add their own
options to `runner.argparser`, set `runner.metadata[...]` and call `runner.bench_func`,
`bench_time_func`, `bench_async_func` or `bench_command`. This module implements just
that, in one process (no worker processes, no statistics, no system tuning), the same
for python3 and pyvm: bench/pyvm/pyperformance_run.py puts it first on PYTHONPATH for
both interpreters.

Environment (set by the driver):
  PYPERF_CALIBRATE=1    find, for every benchmark name, the loop count whose run takes
                        at least PYPERF_MIN_TIME seconds (default 0.1), print
                        `##pyperf-loops NAME LOOPS SECONDS` (SECONDS: that run's time)
                        and time nothing else (the driver does this under python3 only)
  PYPERF_PLAN           `NAME=LOOPS/WARMUPS/VALUES,...`: per benchmark name, the loops
                        in a run, the untimed runs and the timed runs (the values)
  PYPERF_WARMUPS        warmups for a name not in the plan (default 1; its loops: 1)
  PYPERF_VALUES         values for a name not in the plan (default 3)

For each benchmark name the process prints one line on stdout:
  ##pyperf NAME LOOPS V1 V2 ...
where each V is seconds per loop (per inner loop when the benchmark gives inner_loops).
"""
import os
import sys
import time

perf_counter = time.perf_counter

__version__ = "2.6.0"  # the pyperf API level the benchmarks expect; this is not pyperf


def python_implementation():
    return sys.implementation.name.lower()


def python_has_jit():
    return False


def _env_int(name, default):
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def _parse_plan(text):
    plan = {}
    for item in text.split(","):
        name, sep, spec = item.partition("=")
        if sep:
            plan[name] = tuple(int(n) for n in spec.split("/"))
    return plan


_CALIBRATE = os.environ.get("PYPERF_CALIBRATE") == "1"
_MIN_TIME = float(os.environ.get("PYPERF_MIN_TIME", "0.1"))
_WARMUPS = _env_int("PYPERF_WARMUPS", 1)
_VALUES = _env_int("PYPERF_VALUES", 3)
_PLAN = _parse_plan(os.environ.get("PYPERF_PLAN", ""))
_MAX_LOOPS = 2 ** 30


def _emit(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Namespace:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)

    def __repr__(self):
        return "Namespace(%s)" % ", ".join("%s=%r" % kv for kv in sorted(self.__dict__.items()))


class ArgumentParser:
    """The part of argparse.ArgumentParser the benchmarks' own options use: optional
    `--name[=]value` options (type, default, choices, action "store" or "store_true")
    and positionals (nargs None or "?"). Not argparse itself, so that a benchmark's
    setup does not import argparse, gettext, locale and codecs: only bm_argparse
    measures argparse."""

    def __init__(self, *args, **kwargs):
        self._options = {}  # flag -> spec
        self._positionals = []
        self._specs = []

    def add_argument(self, *flags, action="store", type=None, default=None, choices=None,
                     nargs=None, dest=None, help=None, metavar=None, **kwargs):
        if flags[0].startswith("-"):
            long = [f for f in flags if f.startswith("--")] or list(flags)
            dest = dest or long[0].lstrip("-").replace("-", "_")
            if action == "store_true" and default is None:
                default = False
        else:
            dest = dest or flags[0]
        spec = {"dest": dest, "action": action, "type": type, "default": default,
                "choices": choices, "nargs": nargs, "flag": flags[0]}
        self._specs.append(spec)
        if flags[0].startswith("-"):
            for f in flags:
                self._options[f] = spec
        else:
            self._positionals.append(spec)
        return spec

    def error(self, message):
        sys.stderr.write("error: %s\n" % message)
        raise SystemExit(2)

    def _value(self, spec, text):
        value = spec["type"](text) if spec["type"] else text
        if spec["choices"] is not None and value not in spec["choices"]:
            self.error("argument %s: invalid choice: %r" % (spec["flag"], value))
        return value

    def parse_args(self, args=None):
        args = list(sys.argv[1:] if args is None else args)
        ns = Namespace(**{spec["dest"]: spec["default"] for spec in self._specs})
        positionals = []
        i = 0
        while i < len(args):
            arg = args[i]
            i += 1
            if arg.startswith("-") and arg != "-":
                flag, eq, text = arg.partition("=")
                spec = self._options.get(flag)
                if spec is None:
                    self.error("unrecognized argument: %s" % arg)
                if spec["action"] == "store_true":
                    setattr(ns, spec["dest"], True)
                    continue
                if not eq:
                    if i >= len(args):
                        self.error("argument %s: expected one argument" % flag)
                    text = args[i]
                    i += 1
                setattr(ns, spec["dest"], self._value(spec, text))
            else:
                positionals.append(arg)
        for spec in self._positionals:
            if positionals:
                setattr(ns, spec["dest"], self._value(spec, positionals.pop(0)))
            elif spec["nargs"] != "?":
                self.error("the following argument is required: %s" % spec["dest"])
        if positionals:
            self.error("unrecognized arguments: %s" % " ".join(positionals))
        return ns


class Runner:
    def __init__(self, values=None, processes=None, loops=0, warmups=None,
                 min_time=None, metadata=None, show_name=True, program_args=None,
                 add_cmdline_args=None, _argparser=None, **kwargs):
        self.metadata = dict(metadata) if metadata else {}
        self.argparser = _argparser if _argparser is not None else ArgumentParser()
        self.args = None

    def parse_args(self, args=None):
        if self.args is None:
            self.args = self.argparser.parse_args(args)
        return self.args

    def _run(self, name, raw, inner_loops):
        """raw(loops) -> seconds for `loops` iterations."""
        self.parse_args()
        inner = inner_loops or 1
        if _CALIBRATE:
            loops = 1
            while True:
                dt = raw(loops)
                if dt >= _MIN_TIME or loops >= _MAX_LOOPS:
                    break
                # Aim a little past min_time, growing at most 10x a step.
                if dt <= 0:
                    loops *= 10
                else:
                    loops = min(loops * 10, max(loops * 2, int(loops * _MIN_TIME * 1.2 / dt) + 1))
            _emit("##pyperf-loops %s %d %r" % (name, loops, dt))
            return
        loops, warmups, nvalues = _PLAN.get(name, (1, _WARMUPS, _VALUES))
        for _ in range(warmups):
            raw(loops)
        values = []
        for _ in range(nvalues):
            values.append(raw(loops) / (loops * inner))
        _emit("##pyperf %s %d %s" % (name, loops, " ".join(repr(v) for v in values)))

    def bench_func(self, name, func, *args, inner_loops=None, metadata=None):
        def raw(loops):
            it = range(loops)
            t0 = perf_counter()
            for _ in it:
                func(*args)
            return perf_counter() - t0
        self._run(name, raw, inner_loops)

    def bench_time_func(self, name, time_func, *args, inner_loops=None, metadata=None):
        def raw(loops):
            return time_func(loops, *args)
        self._run(name, raw, inner_loops)

    def bench_async_func(self, name, func, *args, inner_loops=None, metadata=None,
                         loop_factory=None):
        import asyncio

        def raw(loops):
            async def main():
                it = range(loops)
                t0 = perf_counter()
                for _ in it:
                    await func(*args)
                return perf_counter() - t0
            if loop_factory is None:
                return asyncio.run(main())
            loop = loop_factory()
            try:
                return loop.run_until_complete(main())
            finally:
                loop.close()
        self._run(name, raw, inner_loops)

    def bench_command(self, name, command):
        import subprocess

        def raw(loops):
            t0 = perf_counter()
            for _ in range(loops):
                subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
            return perf_counter() - t0
        self._run(name, raw, None)
