# A log-processing pipeline built from subclasses of the built-in iterator types
# (map, filter, zip, enumerate, reversed): each stage counts what passes through it,
# and the report checks the stages are real instances of those types.
import collections.abc

LOG = """\
09:00 INFO boot ok
09:01 WARN disk 91%
09:02 INFO user alice login
09:03 ERROR db timeout
09:04 INFO user bob login
09:05 ERROR db timeout
09:06 WARN disk 95%
""".splitlines()


class Parse(map):
    """map(parse_line, lines) that counts the lines it parsed."""

    def __init__(self, func, *iterables):
        self.parsed = 0

    def __next__(self):
        rec = super().__next__()
        self.parsed += 1
        return rec


class Severe(filter):
    """Keeps WARN and ERROR records; remembers the last one it let through."""

    def __new__(cls, records):
        self = super().__new__(cls, lambda r: r["level"] != "INFO", records)
        self.last = None
        return self

    def __next__(self):
        self.last = super().__next__()
        return self.last


class Numbered(enumerate):
    def __next__(self):
        n, rec = super().__next__()
        return f"#{n} {rec['time']} {rec['level']:<5} {rec['text']}"


class Paired(zip):
    """zip(...) with a label; strict by default."""

    def __new__(cls, label, *its, strict=True):
        self = super().__new__(cls, *its, strict=strict)
        self.label = label
        return self


class Stack:
    """A sequence with __len__/__getitem__ only: reversed() reads it from the end."""

    def __init__(self, items):
        self.items = list(items)
        self.reads = []

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        self.reads.append(i)
        return self.items[i]


class Newest(reversed):
    pass


def parse_line(line):
    time, level, text = line.split(" ", 2)
    return {"time": time, "level": level, "text": text}


stage1 = Parse(parse_line, LOG)
stage2 = Severe(stage1)
stage3 = Numbered(stage2, start=1)
for row in stage3:
    print(row)
print("parsed", stage1.parsed, "last severe:", stage2.last["text"])

for stage, base in [(stage1, map), (stage2, filter), (stage3, enumerate)]:
    print(type(stage).__name__, isinstance(stage, base), type(stage).__mro__[1] is base,
          iter(stage) is stage, isinstance(stage, collections.abc.Iterator))
print(repr(stage1).startswith("<__main__.Parse object at "))

print(type(map(len, LOG)) is map, type(filter(None, LOG)) is filter,
      type(zip(LOG)) is zip, type(enumerate(LOG)) is enumerate)
print([t.__name__ for t in (map, filter, zip, enumerate, reversed)],
      [isinstance(t, type) for t in (map, filter, zip, enumerate, reversed)])
print(map.__module__, repr(zip), issubclass(Paired, zip), issubclass(zip, map))

times = [line[:5] for line in LOG]
levels = [line.split()[1] for line in LOG]
pairs = Paired("time/level", times, levels)
print(pairs.label, list(pairs)[:2])
try:
    list(Paired("short", times, levels[:-1]))
except ValueError as e:
    print("ValueError:", e)
try:
    list(zip(times, levels, levels + ["x"], strict=True))
except ValueError as e:
    print("ValueError:", e)
try:
    list(zip(times[:2], times, times, strict=True))
except ValueError as e:
    print("ValueError:", e)
print(len(list(Paired("loose", times, levels[:3], strict=False))))

stack = Stack(["a", "b", "c"])
newest = reversed(stack)
print(type(newest) is reversed, next(newest), stack.reads)
print(list(newest), stack.reads)
print(type(Newest(stack)).__name__, type(Newest([1, 2])).__name__, list(Newest("xyz")))

for bad in [lambda: map(len), lambda: map(len, LOG, key=1), lambda: filter(None),
            lambda: reversed(), lambda: reversed(LOG, LOG), lambda: zip(LOG, x=1),
            lambda: reversed(42)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    class Both(map, zip):
        pass
except TypeError as e:
    print("TypeError:", e)
print(hasattr(map(len, LOG), "__length_hint__"), reversed([1, 2]).__length_hint__())
