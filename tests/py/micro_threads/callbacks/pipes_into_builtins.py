# Sensor feeds read straight by built-ins: every feed is a one-pass stream (pipe_of():
# a micro_pipe written by a micro_thread that sleeps before each value under pyvm), and
# the built-ins and itertools/functools functions that consume it must see every
# value, in order, however long each read waits. Each station is analysed in its own
# micro_thread, all at once; the reports are printed in station order.
import functools
import itertools
import math
from mtcompat import spawn_all, outcome, attempt, pipe_of, ask

STATIONS = {
    "harbour": [12, 15, 11, 18, 18, 9],
    "hill": [3, 4],
    "airport": [20, 21, 22, 23, 24, 25, 26, 27],
    "quiet": [],
}


def analyse(station):
    readings = STATIONS[station]
    f = lambda: pipe_of(readings)               # a fresh feed for every use
    return [
        ("reduce(+)", attempt(functools.reduce, lambda a, b: a + b, f(), 0)),
        ("reduce(max)", attempt(functools.reduce, max, f(), -1)),
        ("reduce(gcd)", attempt(functools.reduce, math.gcd, f(), 0)),
        ("reduce, no start", attempt(lambda: functools.reduce(lambda a, b: a * 10 + b % 10, f())
                                     if readings else "-")),
        ("sum", attempt(sum, f())),
        ("sum from 1000", attempt(sum, f(), 1000)),
        ("min/max", attempt(lambda: (min(f(), default=None), max(f(), default=None)))),
        ("max by last digit", attempt(max, f(), key=lambda r: r % 10, default=None)),
        ("sorted", attempt(sorted, f())),
        ("sorted by ask", attempt(sorted, f(), key=lambda r: -ask(r))),
        ("set", attempt(lambda: sorted(set(f())))),
        ("frozenset size", attempt(lambda: len(frozenset(f())))),
        ("list/tuple", attempt(lambda: (list(f()), tuple(f())))),
        ("bytes", attempt(bytes, f())),
        ("bytearray", attempt(bytearray, f())),
        ("join", attempt(lambda: ",".join(pipe_of(map(str, readings))))),
        ("join of letters", attempt("".join, pipe_of(chr(65 + r % 26) for r in readings))),
        ("dict.fromkeys", attempt(dict.fromkeys, f())),
        ("dict.fromkeys value", attempt(dict.fromkeys, f(), 0)),
        ("dict of zip", attempt(lambda: dict(zip(f(), pipe_of(range(100)))))),
        ("enumerate", attempt(lambda: list(enumerate(f(), 1)))),
        ("zip of two feeds", attempt(lambda: list(zip(f(), pipe_of(r * 2 for r in readings))))),
        ("map of two feeds", attempt(lambda: list(map(lambda a, b: a - b, f(), pipe_of(reversed(readings)))))),
        ("map(str)", attempt(lambda: list(map(str, f())))),
        ("filter", attempt(lambda: list(filter(lambda r: r > 15, f())))),
        ("filter(None)", attempt(lambda: list(filter(None, pipe_of([0] + readings + [0]))))),
        ("any/all", attempt(lambda: (any(r > 20 for r in f()), all(f()), any(f())))),
        ("chain", attempt(lambda: list(itertools.chain(f(), pipe_of("xy"), f())))),
        ("chain.from_iterable", attempt(lambda: list(itertools.chain.from_iterable(pipe_of([f(), f()]))))),
        ("islice", attempt(lambda: list(itertools.islice(f(), 1, 5)))),
        ("islice step", attempt(lambda: list(itertools.islice(f(), 0, None, 3)))),
        ("zip_longest", attempt(lambda: list(itertools.zip_longest(f(), pipe_of("abc"), fillvalue=0)))),
        ("accumulate", attempt(lambda: list(itertools.accumulate(f())))),
        ("accumulate(max)", attempt(lambda: list(itertools.accumulate(f(), max)))),
        ("groupby", attempt(lambda: [(k, len(list(g))) for k, g in itertools.groupby(f(), key=lambda r: r > 14)])),
        ("takewhile", attempt(lambda: list(itertools.takewhile(lambda r: r < 16, f())))),
        ("dropwhile", attempt(lambda: list(itertools.dropwhile(lambda r: r < 15, f())))),
        ("starmap", attempt(lambda: list(itertools.starmap(divmod, pipe_of((r, 7) for r in readings))))),
        ("pairwise", attempt(lambda: [b - a for a, b in itertools.pairwise(f())])),
        ("compress", attempt(lambda: list(itertools.compress(f(), pipe_of(r % 2 for r in readings))))),
        ("math.fsum", attempt(math.fsum, f())),
        ("list.extend", attempt(lambda: (lambda acc: (acc.extend(f()), acc)[1])([-1]))),
        ("next/next", attempt(lambda: (lambda p: (next(p, None), next(p, None), list(p)))(f()))),
    ]


for station, thread in zip(STATIONS, spawn_all(analyse, list(STATIONS))):
    print("station", station)
    rows = outcome(thread)
    if isinstance(rows, str):
        print("  failed:", rows)
        continue
    for what, value in rows:
        print("  %-20s %s" % (what + ":", value))
