# A shape-area calculator: dataclass-style classes, user-defined __eq__ in value
# patterns, sequences of every built-in kind (range, deque, list and tuple
# subclasses, tuples from generators), and a report built in a loop.
from collections import deque
import math


class Shape:
    __match_args__ = ()


class Circle(Shape):
    __match_args__ = ("r",)

    def __init__(self, r):
        self.r = r


class Rect(Shape):
    __match_args__ = ("w", "h")

    def __init__(self, w, h):
        self.w, self.h = w, h


class Triangle(Shape):
    __match_args__ = ("a", "b", "c")

    def __init__(self, a, b, c):
        self.a, self.b, self.c = a, b, c


class Unit:
    """Compares equal to 1 and to any Unit; counts how often it is asked."""
    asked = 0

    def __eq__(self, other):
        Unit.asked += 1
        return other == 1 or isinstance(other, Unit)

    def __hash__(self):
        return 1

    def __repr__(self):
        return "Unit()"


class Const:
    ONE = Unit()
    ORIGIN = (0, 0)


def area(shape):
    match shape:
        case Circle(r=0) | Rect(0, _) | Rect(_, 0):
            return 0.0
        case Circle(Const.ONE):
            return math.pi
        case Circle(r) if r < 0:
            raise ValueError("negative radius")
        case Circle(r):
            return math.pi * r * r
        case Rect(w, h) if w == h:
            return float(w * w)
        case Rect(w, h):
            return float(w * h)
        case Triangle(a, b, c) if a + b <= c or a + c <= b or b + c <= a:
            raise ValueError(f"impossible triangle {a}, {b}, {c}")
        case Triangle(a, b, c):
            s = (a + b + c) / 2
            return math.sqrt(s * (s - a) * (s - b) * (s - c))
        case ("circle", r) | ["circle", r]:
            return area(Circle(r))
        case ("rect", w, h):
            return area(Rect(w, h))
        case ("poly", Const.ORIGIN, *points):
            return shoelace([(0, 0), *points])
        case ("poly", *points):
            return shoelace(points)
        case _:
            raise TypeError(f"unknown shape {shape!r}")


def shoelace(points):
    total = 0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


shapes = [
    Circle(0), Circle(1), Circle(2), Rect(0, 5), Rect(3, 3), Rect(2, 5), Triangle(3, 4, 5),
    Triangle(1, 1, 5), Circle(-1), ("circle", 1.5), ["circle", 1], ("rect", 4, 0.5),
    ("poly", (0, 0), (4, 0), (4, 3)), ("poly", (1, 1), (3, 1), (3, 3), (1, 3)), "hexagon",
]
total = 0.0
for s in shapes:
    try:
        a = area(s)
    except (ValueError, TypeError) as e:
        print(f"{type(s).__name__:9} error: {e}")
        continue
    total += a
    print(f"{type(s).__name__:9} {a:8.3f}")
print(f"total area {total:.3f}; Unit.__eq__ was asked {Unit.asked} time(s)")


# Value patterns compare `subject == value`: the subject's __eq__ runs first.
class Loose:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print(f"  Loose({self.v}).__eq__({other!r})")
        return str(self.v) == str(other)


for subject in [Loose(1), Loose("x"), 1]:
    match subject:
        case 2:
            print("two")
        case "1":
            print("matched the string '1'")
        case Const.ONE:
            print("equal to Const.ONE")
        case _:
            print("no literal matched")


# Sequences of every kind; str, bytes and dicts never match sequence patterns.
class Path(list):
    pass


class Version(tuple):
    pass


def squares(n):
    for i in range(n):
        yield i * i


def shape_of(seq):
    match seq:
        case []:
            return "empty"
        case [x]:
            return f"one: {x}"
        case [first, second]:
            return f"two: {first}, {second}"
        case [0, *middle, last] if middle:
            return f"from 0 via {len(middle)} to {last}"
        case [first, *_, last]:
            return f"{first}..{last}"


for seq in [
    [], (), range(0), range(5), range(3, 4), deque([1, 2]), deque("abcd"), Path(["usr", "bin"]),
    Version((3, 11, 7)), tuple(squares(4)), tuple(squares(1)), list(squares(0)),
    "ab", b"ab", {"a": 1, "b": 2}, {1, 2},
]:
    print(f"{type(seq).__name__:8} {shape_of(seq)}")
