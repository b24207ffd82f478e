# expected output written by hand
# Strict mode (micro_thread.set_strict(True)) names each built-in that would have to
# be suspended on its worker stack (a hard switch), so slow paths can be found: also
# the implicit ones (a for loop stepping map(), unpacking, an f-string's __format__).
import itertools
import time
import micro_thread


def f(x):
    time.sleep(0)
    return x


class Price:
    def __format__(self, spec):
        time.sleep(0)
        return format(2.5, spec)


checks = [
    ("for over map", lambda: [x for x in map(f, [1])]),
    ("list(accumulate)", lambda: list(itertools.accumulate([1, 2], lambda a, b: f(a + b)))),
    ("f-string", lambda: f"{Price():>6}"),
    ("for over accumulate", lambda: [x for x in itertools.accumulate([1, 2], lambda a, b: f(a + b))]),
    ("unpacking", lambda: [(a, b) for a, b in [map(f, [1, 2])]]),
    ("sorted key", lambda: sorted([2, 1], key=f)),
]
for strict in (True, False):
    micro_thread.set_strict(strict)
    print("strict:", strict)
    for name, check in checks:
        try:
            print(" ", name, "->", check())
        except RuntimeError as e:
            print(" ", name, "->", e)
