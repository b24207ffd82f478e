# Changing a class's bases after it is made: a plugin system that swaps a mixin in
# and out at run time, a test double re-parented onto a fake, and every error
# CPython gives for a bad assignment.


class JSONOutput:
    def render(self, data):
        return "{" + ", ".join(f'"{k}": {v!r}' for k, v in sorted(data.items())) + "}"

    def kind(self):
        return "json"


class TextOutput:
    def render(self, data):
        return "; ".join(f"{k}={v}" for k, v in sorted(data.items()))

    def kind(self):
        return "text"


class Report(TextOutput):
    def __init__(self, data):
        self.data = data

    def show(self):
        return f"[{self.kind()}] {self.render(self.data)}"


class DetailedReport(Report):
    def kind(self):
        return "detailed " + super().kind()


r = Report({"b": 2, "a": 1})
d = DetailedReport({"x": 9})
print(r.show())
print(d.show())
print(Report.__bases__, Report.__base__.__name__)
print([c.__name__ for c in DetailedReport.__mro__])

# Swap the output mixin: existing instances, subclasses and caches all follow.
for _ in range(3):
    r.show()      # warm any attribute caches first
Report.__bases__ = (JSONOutput,)
print(r.show())
print(d.show())
print(Report.__bases__, Report.__base__.__name__)
print([c.__name__ for c in DetailedReport.__mro__])
print(isinstance(r, JSONOutput), isinstance(r, TextOutput), issubclass(DetailedReport, JSONOutput))
print(sorted(c.__name__ for c in JSONOutput.__subclasses__()), TextOutput.__subclasses__())

# Two bases.
class Audit:
    def audit(self):
        return f"audited {type(self).__name__}"

Report.__bases__ = (Audit, TextOutput)
print(d.audit(), d.show())
print([c.__name__ for c in DetailedReport.__mro__])

# Bad assignments, each refused with nothing changed.
attempts = [
    ("not a tuple", [TextOutput]),
    ("empty", ()),
    ("not a class", (TextOutput, 42)),
    ("cycle", (DetailedReport,)),
    ("layout", (int,)),
    ("no C3 order", (TextOutput, Audit, TextOutput)),
]
for label, bases in attempts:
    try:
        Report.__bases__ = bases
        print(label, "accepted?")
    except TypeError as e:
        print(label, "->", e)
print([c.__name__ for c in Report.__mro__])
try:
    del Report.__bases__
except TypeError as e:
    print("del ->", e)
try:
    int.__bases__ = (object,)
except TypeError as e:
    print("builtin ->", e)


class Base:
    pass


class Child(Base):
    pass


class Other:
    def hello(self):
        return "hello from Other"


# A C3 conflict in a subclass below rolls everything back.
class A:
    pass


class B(A):
    pass


class C(A, Base):
    pass


try:
    A.__bases__ = (Base,) if False else (Child,)
    print("A rebased:", [c.__name__ for c in C.__mro__])
except TypeError as e:
    print("conflict ->", e)
print([c.__name__ for c in A.__mro__], [c.__name__ for c in C.__mro__])

Child.__bases__ = (Other,)
print(Child().hello(), Child.__base__.__name__)


# A base change that makes a subclass's MRO impossible is undone everywhere.
class Base0:
    pass


class X(Base0):
    pass


class Y(Base0):
    pass


class Z(X, Y):
    pass


try:
    Y.__bases__ = (X,)
    print("Y rebased?")
except TypeError as e:
    print("subclass conflict ->", str(e).replace("\n", " "))
print([c.__name__ for c in Y.__mro__], [c.__name__ for c in Z.__mro__], Y.__bases__)
print(sorted(c.__name__ for c in X.__subclasses__()))


# Slotted classes: the same slots from another base are accepted, others are not.
class Point2:
    __slots__ = ("x", "y")


class Vec2:
    __slots__ = ("x", "y")

    def norm1(self):
        return abs(self.x) + abs(self.y)


class Pair3:
    __slots__ = ("x", "y", "z")


class Pos(Point2):
    __slots__ = ()


for target in (Vec2, Pair3):
    try:
        Pos.__bases__ = (target,)
        p = Pos()
        p.x, p.y = 3, -4
        print("slots rebased onto", target.__name__, p.norm1())
    except TypeError as e:
        print("slots ->", e)
