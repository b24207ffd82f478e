# Shapes in a drawing program, called through the same call sites with instances of
# many sibling classes (what per-site caches miss and the process's method cache
# serves), while the program patches classes at run time: every change must be seen
# at once by every call site.

class Shape:
    kind = "shape"

    def area(self):
        return 0

    def describe(self):
        return f"{self.kind}:{self.area()}"

    def scale(self, k):
        return self.area() * k


class Square(Shape):
    kind = "square"

    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s * self.s


class Rect(Shape):
    kind = "rect"

    def __init__(self, w, h):
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Dot(Shape):
    def __init__(self):
        pass


class Label:
    def describe(self):
        return "label"


def render(shapes):
    # One call site, several classes: describe/scale are inherited from Shape.
    return [(s.describe(), s.scale(2)) for s in shapes]


shapes = [Square(3), Rect(2, 5), Dot(), Square(1), Rect(1, 1)]
for _ in range(3):
    out = render(shapes)
print(out)

# A method replaced on the base class: every subclass sees it.
Shape.scale = lambda self, k: -k
print(render(shapes))

# A subclass gains an override later.
Dot.describe = lambda self: "a dot"
print(render(shapes))

# Deleted again: back to the inherited one.
del Dot.describe
print(render(shapes))

# A class attribute read through instances of every class.
Shape.kind = "SHAPE"
print([s.kind for s in shapes])
del Square.kind
print([s.kind for s in shapes])

class Base1:
    def who(self):
        return "base1"


class Child(Base1):
    pass


c = Child()
print(c.who())

# Through setattr and type.__setattr__, and via the instance dict shadowing.
setattr(Base1, "who", lambda self: "patched")
print(c.who())
c.who = lambda: "own"
print(c.who())
del c.who
print(c.who())

# Many classes made at run time, each with its own method: no stale answers.
made = []
for i in range(6000):
    cls = type(f"K{i}", (Shape,), {"area": (lambda i: lambda self: i)(i)})
    made.append(cls())
print(sum(m.area() for m in made), made[4321].describe())
made = None

# getattr with a name built at run time (not interned).
name = "".join(["sc", "ale"])
print(getattr(Square(2), name)(10), getattr(Shape, name).__name__)
