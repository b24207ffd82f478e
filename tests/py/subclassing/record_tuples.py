# Immutable records built on tuple: __new__ that reshapes its arguments, a mixin whose
# __init__ runs after tuple.__new__ (tuple has no __init__ of its own, so the mixin's
# is found whichever side of tuple it sits), and exception classes whose __new__
# returns another exception or something that is not one.


class Audited:
    created = []

    def __init__(self, *args):
        Audited.created.append((type(self).__name__, args))


class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))

    x = property(lambda self: self[0])
    y = property(lambda self: self[1])

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Span(Audited, tuple):
    pass


class Range(tuple, Audited):
    def __new__(cls, lo, hi=None):
        if hi is None:
            lo, hi = 0, lo
        return tuple.__new__(cls, range(lo, hi))


class Pair(tuple):
    def __new__(cls, *items):
        self = super().__new__(cls, items[:2])
        self.extra = items[2:]
        return self

    def __init__(self, *items):
        self.initialised = len(items)


p = Point(3, 4)
print(p, p.x + p.y, len(p), p == (3, 4), isinstance(p, tuple), p[::-1])
s = Span([1, 2, 3])
e = Span()
print(s, e, len(s), s == (1, 2, 3), s + (4,), type(s + (4,)).__name__)
r = Range(3)
r2 = Range(2, 5)
print(r, r2, sorted(Range(4), reverse=True), hash(r) == hash((0, 1, 2)))
q = Pair("a", "b", "c", "d")
print(q, q.extra, q.initialised, Pair() == ())
print(Audited.created)
for call in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Range(1, 2, 3)]:
    try:
        call()
    except TypeError as exc:
        print("TypeError:", exc)


class Fallback(LookupError):
    pass


class Redirect(Exception):
    """Raising it raises a Fallback carrying the same arguments."""

    def __new__(cls, *args, **kwargs):
        return Fallback(*args, **kwargs)


class Broken(Exception):
    def __new__(cls, *args):
        return "not an exception"


class Tagged(ValueError):
    def __new__(cls, msg, tag="?"):
        self = super().__new__(cls, msg)
        self.tag = tag
        return self

    def __init__(self, msg, tag="?"):
        super().__init__(msg)


try:
    raise Redirect("config missing", 42)
except LookupError as exc:
    print(type(exc).__name__, exc.args)
try:
    raise Broken("x")
except TypeError as exc:
    print("TypeError:", exc)
try:
    raise Tagged("bad value", tag="input")
except ValueError as exc:
    print(type(exc).__name__, exc, exc.tag, exc.args)


def worker():
    yield "ready"


for exc_type in (Redirect, Broken, Tagged):
    g = worker()
    next(g)
    try:
        g.throw(exc_type) if exc_type is not Tagged else g.throw(exc_type, "thrown")
    except Exception as exc:
        print(exc_type.__name__, "->", type(exc).__name__, exc)
