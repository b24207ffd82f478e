# Subclasses of property, classmethod and staticmethod.


class cached_property(property):
    """A read-only property computed once per instance and kept in its __dict__."""

    def __init__(self, func):
        super().__init__(func, doc=func.__doc__)
        self.attrname = None

    def __set_name__(self, owner, name):
        self.attrname = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        cache = obj.__dict__
        if self.attrname in cache:
            return cache[self.attrname]
        value = self.fget(obj)
        cache[self.attrname] = value
        return value


class logged_property(property):
    """A plain property subclass: only the type differs."""


class Dataset:
    loads = 0

    def __init__(self, rows):
        self._rows = rows
        self._scale = 1

    @cached_property
    def total(self):
        "The sum of the rows."
        Dataset.loads += 1
        print("  computing total")
        return sum(self._rows)

    @logged_property
    def scale(self):
        return self._scale

    @scale.setter
    def scale(self, value):
        if value <= 0:
            raise ValueError("scale must be positive")
        self._scale = value

    @scale.deleter
    def scale(self):
        self._scale = 1


d = Dataset([1, 2, 3])
print(d.total, d.total, Dataset.loads, sorted(vars(d)))
print(type(Dataset.total).__name__, Dataset.total.attrname, Dataset.total.__doc__, isinstance(Dataset.total, property))
print(Dataset.total.fget.__name__, Dataset.total.fset, type(Dataset.__dict__["scale"]).__name__)
print(d.scale)
d.scale = 5
print(d.scale, d._scale)
del d.scale
print(d.scale)
try:
    d.scale = 0
except ValueError as e:
    print("ValueError:", e)
print(isinstance(Dataset.scale, logged_property), Dataset.scale.fset.__name__, Dataset.scale.fdel is not None)
e = Dataset([10])
print(e.total, d.total, Dataset.loads)


class Ro(property):
    pass


class Point:
    def __init__(self, x):
        self._x = x

    x = Ro(lambda self: self._x)


p = Point(4)
print(p.x)
try:
    p.x = 1
except AttributeError as e:
    print("AttributeError:", e)


class registered(classmethod):
    names = []

    def __init__(self, func):
        super().__init__(func)
        registered.names.append(func.__name__)


class pure(staticmethod):
    pass


class Shape:
    sides = 0

    @registered
    def describe(cls):
        return f"{cls.__name__} with {cls.sides} sides"

    @registered
    def make(cls, *args):
        return cls(*args)

    @pure
    def area_of_square(side):
        return side * side


class Square(Shape):
    sides = 4

    def __init__(self, side=1):
        self.side = side


print(Shape.describe(), Square.describe(), Square().describe(), registered.names)
sq = Square.make(3)
print(type(sq).__name__, sq.side, Shape.area_of_square(3), sq.area_of_square(5))
print(type(Shape.__dict__["describe"]).__name__, isinstance(Shape.__dict__["describe"], classmethod))
print(type(Shape.__dict__["area_of_square"]).__name__, isinstance(Shape.__dict__["area_of_square"], staticmethod))
