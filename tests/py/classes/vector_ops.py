# A small units library whose operator methods are static or class methods
# (the operator protocol binds them like any attribute), plus a paginator built
# on slice.indices and a cache keyed by dict views.


class Meters:
    def __init__(self, v):
        self.v = v

    def __repr__(self):
        return "Meters(%g)" % self.v

    @staticmethod
    def __sub__(other):
        # a static operator sees only the right operand
        return "static sub of %r" % (other,)

    @classmethod
    def __add__(cls, other):
        return "%s + %r" % (cls.__name__, other)

    @classmethod
    def __radd__(cls, other):
        return "%r + %s (reflected)" % (other, cls.__name__)

    @staticmethod
    def __eq__(other):
        return "eq?" if other == 0 else False


class Feet(Meters):
    pass


m, f = Meters(3), Feet(10)
print(m - 1)
print(m + 2)
print(f + 2)
print(5 + f)
print(m == 0, m == 1)


class Page:
    """Rows start:stop:step of a listing, clipped to its length."""

    def __init__(self, total):
        self.total = total

    def __getitem__(self, key):
        if isinstance(key, slice):
            return key.indices(self.total)
        return key


listing = Page(23)
for key in [slice(None), slice(5, 15), slice(-5, None), slice(20, 40, 3),
            slice(None, None, -4), slice(100, -100, -10)]:
    start, stop, step = listing[key]
    print(key, "->", (start, stop, step), "rows", list(range(start, stop, step))[:4])
for bad in [None, -1, 2.5]:
    try:
        slice(1, 2).indices(bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
try:
    slice(0, 5, 0).indices(10)
except ValueError as e:
    print("ValueError:", e)

config = {"host": "db", "port": 5432}
for view in (config.keys(), config.items(), config.values()):
    try:
        print(type(view).__name__, "hash type:", type(hash(view)).__name__)
    except TypeError as e:
        print(type(view).__name__, "TypeError:", e)

print([n for n in ("append", "sort", "keys", "upper") if n in dir(list)])
print([n for n in ("keys", "setdefault", "append") if n in dir(dict)])
print([n for n in ("join", "casefold", "keys") if n in dir(str)])


import math


class Policy:
    """Strategy slots filled with built-in functions: they do not bind self."""

    combine = max
    magnitude = abs
    root = math.sqrt
    convert = int

    def score(self, a, b):
        return self.root(self.magnitude(self.combine(a, b)))


p = Policy()
print(p.score(-16, -25), p.convert("7"), Policy.combine(3, 9), p.magnitude(-2.5))

# A dispatch table of unbound built-in methods, listed by their reprs.
ops = {"push": list.append, "join": str.join, "lookup": dict.get, "width": int.bit_length}
for name, method in ops.items():
    print(name, repr(method), method.__name__)
stack = []
ops["push"](stack, 5)
print(stack, ops["join"]("-", ["a", "b"]), ops["width"](255), repr(len))
