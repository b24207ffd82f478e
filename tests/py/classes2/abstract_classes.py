# Abstract base classes as libraries use them: abstract methods that refuse instances,
# a __subclasshook__ (duck typing), virtual subclasses through register(), abstract
# properties and static methods, and the errors.
import abc
from abc import ABC, ABCMeta, abstractmethod


class Shape(ABC):
    @abstractmethod
    def area(self): ...

    @abstractmethod
    def name(self): ...

    def describe(self):
        return f"{self.name()} with area {self.area():.2f}"


class Square(Shape):
    def __init__(self, s):
        self.s = s

    def area(self):
        return self.s ** 2

    def name(self):
        return "square"


class Half(Shape):
    def name(self):
        return "half"


print(sorted(Shape.__abstractmethods__), sorted(Half.__abstractmethods__), Square.__abstractmethods__)
for cls in (Shape, Half):
    try:
        cls()
    except TypeError as e:
        print("TypeError:", e)
print(Square(3).describe(), isinstance(Square(2), Shape), issubclass(Square, Shape))


class Drawable(metaclass=ABCMeta):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Drawable:
            return hasattr(C, "draw")
        return NotImplemented


class Circle:
    def draw(self):
        return "o"


class Text:
    pass


print(issubclass(Circle, Drawable), isinstance(Circle(), Drawable), isinstance(Text(), Drawable))


class Sized(ABC):
    pass


Sized.register(list)
Sized.register(Text)
print(isinstance([], Sized), issubclass(Text, Sized), isinstance({}, Sized), issubclass(bool, Sized))
try:
    Sized.register(3)
except TypeError as e:
    print("TypeError:", e)
try:
    Shape.register(Square)
    Square.register(Shape)
except RuntimeError as e:
    print("RuntimeError:", e)
print(type(abc.get_cache_token()).__name__, Shape.__subclasses__() == [Square, Half])


class Base(ABC):
    @property
    @abstractmethod
    def value(self): ...

    @staticmethod
    @abstractmethod
    def make(): ...


class Impl(Base):
    value = 3
    make = staticmethod(lambda: "made")


print(sorted(Base.__abstractmethods__), Impl().value, Impl.make())
