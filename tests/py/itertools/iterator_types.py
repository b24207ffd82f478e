"""A log-batching pipeline built on itertools types: the iterators are instances of
real types (type(), isinstance, repr), the pipeline derives its own stages from
them, and chain.from_iterable is a class method."""
import itertools
from itertools import (accumulate, chain, count, groupby, islice, product, repeat,
                       starmap, tee, zip_longest)

LOG = ["GET /a", "GET /b", "POST /a", "POST /c", "GET /a", "DELETE /b"]

ids = count(100, 5)
print(type(ids), type(ids) is itertools.count, isinstance(ids, count))
print(repr(ids), next(ids), next(ids), ids)
print(count(), count(1.5), count(2, -1), repeat("x", 2), repeat(None))
print(chain, islice, zip_longest, groupby, product)


class Numbered(chain):
    """A chain whose items are numbered, built from several log segments."""

    def __init__(self, *segments):
        self.segments = len(segments)
        self.n = 0

    def __next__(self):
        line = super().__next__()
        self.n += 1
        return f"{self.n:03d} {line}"


stream = Numbered(LOG[:2], LOG[2:4], LOG[4:])
print(type(stream).__name__, stream.segments, isinstance(stream, chain),
      isinstance(stream, Numbered))
for line in stream:
    print(line)

flat = chain.from_iterable([LOG[:1], LOG[-1:]])
print(type(flat).__name__, list(flat))
again = Numbered.from_iterable([["a", "b"]])
# from_iterable makes the instance without calling __init__ (as CPython does).
print(type(again).__name__, hasattr(again, "segments"), isinstance(again, Numbered))
try:
    chain.from_iterable()
except TypeError as e:
    print("TypeError:", e)


class Ticks(count):
    pass


t = Ticks(10, 10)
print(t, next(t), t, type(t).__mro__)


class Retry(repeat):
    def __iter__(self):
        return self


print(Retry("ping", 3), list(Retry("ping", 3)))


class Window(islice):
    pass


print(list(Window(LOG, 1, 5, 2)))


class Grid(product):
    pass


print(list(Grid("ab", range(2))))

by_verb = groupby(sorted(LOG), key=lambda s: s.split()[0])
print(type(by_verb).__name__, isinstance(by_verb, groupby))
for verb, group in by_verb:
    print(verb, type(group).__name__, list(group))

left, right = tee(LOG[:3])
print(type(left).__name__, type(left).__module__, list(zip(left, right))[0])
print(list(itertools._tee("ab")))
for hidden in (itertools._grouper, itertools._tee):
    try:
        class Sub(hidden):
            pass
    except TypeError as e:
        print("TypeError:", e)

running = accumulate(len(s) for s in LOG)
print(type(running).__name__, list(running))
print(list(starmap(max, zip_longest([1, 9], [5, 2, 7], fillvalue=0))))
for name in ["accumulate", "chain", "combinations", "combinations_with_replacement",
             "compress", "count", "cycle", "dropwhile", "filterfalse", "groupby",
             "islice", "pairwise", "permutations", "product", "repeat", "starmap",
             "takewhile", "zip_longest", "tee"]:
    obj = getattr(itertools, name)
    print(name, isinstance(obj, type), obj.__module__, obj.__qualname__,
          obj.__doc__.splitlines()[0])
