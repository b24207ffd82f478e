# A log fan-out: one reader's lines are teed to consumers that go at their own
# pace; a consumer can fork itself (copy.copy or __copy__) to look ahead without
# losing its place, and teeing a tee hands back the tee itself plus copies.
import copy
import itertools


def lines():
    for i in range(1, 8):
        yield f"line {i}"


audit, stats = itertools.tee(lines())
print(next(audit), next(audit))
lookahead = copy.copy(audit)
print("peek", [next(lookahead) for _ in range(3)])
print("audit still at", next(audit))
fork = audit.__copy__()
print(type(fork).__name__, next(fork), next(audit), next(fork))
print("stats", list(stats))
print("rest", list(audit), list(fork), list(lookahead))

a, b = itertools.tee("abc")
c, d = itertools.tee(a)
print(c is a, d is a, type(d).__name__, next(a), next(d), next(c))
print(list(b), list(c), list(d))
three = itertools.tee(itertools.tee(range(3))[0], 3)
print([list(t) for t in three])
print(itertools.tee(iter("xy"), 0), len(itertools.tee(iter([]), 1)))
print(hasattr(iter([]), "__copy__"), hasattr(a, "__copy__"), hasattr(itertools.count(), "__copy__"))


class Snapshotting:
    """A Python iterator with its own __copy__: tee uses it, not a buffer."""

    def __init__(self, items, pos=0):
        self.items, self.pos = items, pos

    def __iter__(self):
        return self

    def __next__(self):
        if self.pos >= len(self.items):
            raise StopIteration
        self.pos += 1
        return self.items[self.pos - 1]

    def __copy__(self):
        print("  __copy__ at", self.pos)
        return Snapshotting(self.items, self.pos)


s = Snapshotting([10, 20, 30])
next(s)
x, y = itertools.tee(s)
print(x is s, type(y).__name__, list(x), list(y))
