# A small numeric/collection toolkit that calls the built-in types' dunders
# directly (T.__x__(obj, ...)), as generic dispatchers and subclass overrides do.
import math


class Money(int):
    """Cents; rounding and division go through int's own dunders."""

    def __round__(self, ndigits=None):
        return Money(int.__round__(self, ndigits))

    def __divmod__(self, other):
        q, r = int.__divmod__(self, other)
        return Money(q), Money(r)

    def __bool__(self):
        return int.__bool__(self) and self > 0


class Ratio(float):
    def __floor__(self):
        return float.__floor__(self)

    def __ceil__(self):
        return float.__ceil__(self)

    def __trunc__(self):
        return float.__trunc__(self)


class Log(list):
    def __iadd__(self, other):
        other = [f"+{x}" for x in other]
        return list.__iadd__(self, other)

    def __imul__(self, n):
        return list.__imul__(self, n)


class Tags(set):
    def __ior__(self, other):
        return set.__ior__(self, {t.lower() for t in other})


class Settings(dict):
    def __ior__(self, other):
        return dict.__ior__(self, {k.upper(): v for k, v in dict(other).items()})


OPS = {
    "bool": lambda v: type(v).__bool__(v),
    "trunc": lambda v: type(v).__trunc__(v),
    "floor": lambda v: type(v).__floor__(v),
    "ceil": lambda v: type(v).__ceil__(v),
    "round": lambda v: type(v).__round__(v),
    "round1": lambda v: type(v).__round__(v, 1),
    "divmod3": lambda v: type(v).__divmod__(v, 3),
    "rdivmod3": lambda v: type(v).__rdivmod__(v, 3),
}


def dispatch(values):
    for v in values:
        row = []
        for name, op in OPS.items():
            try:
                row.append(f"{name}={op(v)!r}")
            except (TypeError, ValueError, OverflowError, AttributeError, ZeroDivisionError) as e:
                row.append(f"{name}:{type(e).__name__}")
        print(type(v).__name__, v, " ".join(row))


dispatch([0, 7, -7, True, 2.5, -2.5, 1e300, float("nan"), float("inf"), 3 + 4j, 0j])

m = Money(1234)
print(round(m, -2), type(round(m, -2)).__name__, divmod(m, 100), bool(Money(0)), bool(Money(-5)))
print(int.__divmod__(7, 2.0), float.__rdivmod__(2.0, 7.5), int.__rdivmod__(2, 9))
r = Ratio(-2.5)
print(math.floor(r), math.ceil(r), math.trunc(r), [type(f(r)).__name__ for f in (math.floor, math.ceil)])

log = Log(["a"])
alias = log
log += ("b", "c")
log *= 2
print(log, log is alias, type(log).__name__)
print(list.__iadd__([1], range(2)), list.__imul__([0], 3), bytearray.__iadd__(bytearray(b"ab"), b"c"))
try:
    list.__iadd__([], 5)
except TypeError as e:
    print("TypeError:", e)

tags = Tags({"x"})
tags |= ["Py", "RUST"]
print(sorted(tags), type(tags).__name__)
print(sorted(set.__iand__({1, 2, 3}, {2, 3})), sorted(set.__isub__({1, 2}, {1})), sorted(set.__ixor__({1}, {2})))
print(set.__ior__({1}, [2]))
s = Settings(a=1)
s |= [("debug", True)]
print(s, type(s).__name__)
d = {"one": 1, "two": 2, "three": 3}
print(list(dict.__reversed__(d)), dict.__ior__({}, d) == d)
print(bytes.__bytes__(b"raw"), type(bytes.__bytes__(b"")).__name__)

# The ones every value has, called the same way.
print(int.__add__(2, 3), int.__add__(2, 3.0), str.__len__("abc"), str.__add__("a", "b"))
class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "y", y)
p = Point(1, 2)
print(object.__getattribute__(p, "x"), p.y)
class Defaults(dict):
    def __init__(self, **kw):
        dict.__init__(self, {"a": 0}, **kw)
print(Defaults(b=1))
