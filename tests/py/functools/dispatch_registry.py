# A serializer registry as libraries write it with CPython's functools: generic
# functions (singledispatch), per-class methods (singledispatchmethod), cached
# properties, partial methods, and debug-only checks guarded by __debug__.
import functools
from dataclasses import dataclass
from decimal import Decimal


@functools.singledispatch
def dump(obj):
    raise TypeError(f"cannot serialize {type(obj).__name__}")


@dump.register
def _(obj: int):
    return str(obj)


@dump.register(float)
@dump.register(Decimal)
def _(obj):
    return f"{obj:.2f}"


@dump.register
def _(obj: list):
    return "[" + ", ".join(dump(x) for x in obj) + "]"


@dump.register
def _(obj: dict):
    return "{" + ", ".join(f"{k}: {dump(v)}" for k, v in sorted(obj.items())) + "}"


class Flag(int):
    pass


print(dump(3), dump(2.5), dump(Decimal("1.005")), dump([1, 2.0, [3]]), dump({"b": 1, "a": [2]}))
print(dump(Flag(7)), dump.dispatch(Flag).__name__, sorted(t.__name__ for t in dump.registry if t is not object))
try:
    dump("text")
except TypeError as e:
    print("TypeError:", e)


@dataclass
class Invoice:
    lines: list

    @functools.cached_property
    def total(self):
        print("  (computing total)")
        return sum(q * p for q, p in self.lines)

    class Formatter:
        @functools.singledispatchmethod
        def fmt(self, value):
            return repr(value)

        @fmt.register
        def _(self, value: int):
            return f"#{value}"

    def scaled(self, factor):
        return [(q * factor, p) for q, p in self.lines]

    doubled = functools.partialmethod(scaled, 2)


inv = Invoice([(2, 10), (1, 5)])
print(inv.total, inv.total, inv.doubled())
print(Invoice.Formatter().fmt(5), Invoice.Formatter().fmt("x"))


@functools.lru_cache(maxsize=2, typed=True)
def square(x):
    return x * x


print(square(3), square(3.0), square(3), square.cache_info())
square.cache_clear()
print(square.cache_info())


@functools.total_ordering
class Version:
    def __init__(self, text):
        self.parts = tuple(int(p) for p in text.split("."))

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))


versions = sorted(map(Version, ["1.10", "1.2", "1.2.1", "0.9"]))
print(versions, Version("2.0") >= Version("1.99"), max(versions))

if __debug__:
    print("debug checks on")
assert dump(1) == "1", "dump of an int"
print(functools.reduce(lambda acc, v: acc + v, [1, 2, 3], 10), functools.partial(dump, 4)())
