# A small geometry library: vectors, points and matrices whose operators are
# Python methods, built the way programs build them (class calls with __init__,
# operators that answer NotImplemented, reflected and in-place forms). Exercises
# the interpreter's direct paths for `Cls(args)` and `a <op> b` on instances.
import abc


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        if isinstance(other, Vec):
            return Vec(self.x + other.x, self.y + other.y)
        return NotImplemented

    def __sub__(self, other):
        if isinstance(other, Vec):
            return Vec(self.x - other.x, self.y - other.y)
        return NotImplemented

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Vec(self.x * k, self.y * k)
        return NotImplemented

    def __rmul__(self, k):
        return self * k

    def __truediv__(self, k):
        if k == 0:
            raise ZeroDivisionError("vector divided by zero")
        return Vec(self.x / k, self.y / k)

    def __matmul__(self, other):
        return self.x * other.x + self.y * other.y

    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"


class Point(Vec):
    """A point: point - point is a vector, point + vector a point."""

    def __sub__(self, other):
        if isinstance(other, Point):
            return Vec(self.x - other.x, self.y - other.y)
        return Point(self.x - other.x, self.y - other.y)

    def __radd__(self, other):
        return Point(self.x + other.x, self.y + other.y)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Scale:
    """Knows how to scale vectors from the right only."""

    def __init__(self, k):
        self.k = k

    def __rmul__(self, v):
        return Vec(v.x * self.k, v.y * self.k)


class Counter:
    def __init__(self, start):
        self.n = start

    def __add__(self, k):
        return Counter(self.n + k)

    def __iadd__(self, k):
        self.n += k
        return self


class Plain:
    def __init__(self, n):
        self.n = n

    def __add__(self, k):
        return Plain(self.n + k)


class Shape(abc.ABC):
    def __init__(self, name):
        self.name = name

    @abc.abstractmethod
    def area(self):
        ...


class Square(Shape):
    def __init__(self, side):
        super().__init__("square")
        self.side = side

    def area(self):
        return self.side * self.side


class Registry:
    made = []

    def __new__(cls, key):
        Registry.made.append(key)
        return super().__new__(cls)

    def __init__(self, key):
        self.key = key


class Broken:
    def __init__(self, value):
        return value


class Lazy:
    def __add__(self, other):
        yield from range(other)


def centroid(points):
    total = Vec(0, 0)
    for p in points:
        total = total + Vec(p.x, p.y)
    return total / len(points)


def main():
    a, b = Vec(1, 2), Vec(3, 5)
    print("sum", a + b, "diff", b - a, "scaled", a * 3, 2 * b, "dot", a @ b)
    print("divided", b / 2)
    try:
        a / 0
    except ZeroDivisionError as e:
        print("error:", e)
    p, q = Point(4, 4), Point(1, 0)
    print("point-point", p - q, "point-vec", p - a)
    print("vec+point (reflected subclass first)", a + p)
    print("vec*Scale", a * Scale(10))
    for bad in ("x", None, [1]):
        try:
            a + bad
        except TypeError as e:
            print("TypeError:", e)
    try:
        Scale(1) * a
    except TypeError as e:
        print("TypeError:", e)
    c = Counter(1)
    alias = c
    c += 5
    print("in-place keeps identity", c is alias, c.n)
    d = Plain(1)
    alias = d
    d += 5
    print("no __iadd__ rebinds", d is alias, d.n, alias.n)
    print("centroid", centroid([Point(0, 0), Point(4, 0), Point(4, 4), Point(0, 4)]))
    print("area", Square(3).area(), Square(3).name)
    try:
        Shape("x")
    except TypeError as e:
        print("TypeError:", e)
    r = Registry("k1"), Registry("k2")
    print("registry", Registry.made, [x.key for x in r])
    try:
        Broken(3)
    except TypeError as e:
        print("TypeError:", e)
    print("Broken(None) ok:", type(Broken(None)).__name__)
    try:
        Vec(1)
    except TypeError as e:
        print("TypeError:", e)
    print("generator operator", list(Lazy() + 3))
    total = Vec(0, 0)
    for i in range(1000):
        total += Vec(i, -i) * 2
    print("accumulated", total, total == Vec(999000, -999000))


main()
