# A metaclass's __getattr__ answers for its classes (a registry of lazily named
# constants), and __qualname__ leaves the class namespace as type() takes it.


class Registry(type):
    def __getattr__(cls, name):
        if name.isupper():
            value = f"{cls.__name__}.{name.lower()}"
            setattr(cls, name, value)
            return value
        raise AttributeError(f"{cls.__name__} has no constant {name!r}")


class Colors(metaclass=Registry):
    BLUE = "blue!"


print(Colors.BLUE, Colors.RED, Colors.RED is Colors.RED, "RED" in Colors.__dict__)
try:
    Colors.green
except AttributeError as e:
    print(e, e.name, e.obj is Colors)
print(getattr(Colors, "GREEN"), hasattr(Colors, "pink"), getattr(Colors, "pink", None))


class Outer:
    class Inner:
        __qualname__ = "Renamed"

        def method(self):
            pass

    def f(self):
        pass


print(Outer.Inner.__qualname__, Outer.Inner.method.__qualname__, Outer.f.__qualname__)
print(sorted(k for k in Outer.__dict__ if not k.startswith("__") or k == "__qualname__"))
print("__qualname__" in Outer.Inner.__dict__, "__qualname__" in dir(Outer))
try:
    class Bad:
        __qualname__ = 3
except TypeError as e:
    print(e)
T = type("T", (), {"__qualname__": "Pretty.T", "x": 1})
print(T.__qualname__, "__qualname__" in T.__dict__, T.x)
