# Interned value objects: classes that override only __new__ (a flyweight cache) are
# called with arguments that object.__init__ must then accept; classes that override
# only __init__ may call object.__new__ with extra arguments. The misuses get
# CPython's messages (object_init / object_new's excess-argument rules).


class Symbol:
    _table = {}

    def __new__(cls, name, *, namespace="global"):
        key = (namespace, name)
        self = cls._table.get(key)
        if self is None:
            self = super().__new__(cls)
            self.name, self.namespace = name, namespace
            cls._table[key] = self
        return self

    def __repr__(self):
        return f"Symbol({self.namespace}:{self.name})"


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    @classmethod
    def raw(cls, *args):
        # object.__new__ takes extra arguments when __init__ is overridden.
        return object.__new__(cls, *args)


class Strict:
    def __new__(cls, *args):
        return object.__new__(cls, *args)


class Plain:
    pass


class Chained:
    def __init__(self, *args):
        super().__init__(*args)


a = Symbol("x")
b = Symbol("x")
c = Symbol("x", namespace="local")
print(a is b, a is c, a, c, len(Symbol._table))
object.__init__(a, "extra", arg=1)
print("object.__init__ took extra arguments for", a)

p = Point.raw(1, 2)
print(type(p).__name__, hasattr(p, "x"))
p.__init__(3, 4)
print(p.x, p.y)

checks = [
    ("Strict(1)", lambda: Strict(1)),
    ("Plain(1)", lambda: Plain(1)),
    ("Plain(key=1)", lambda: Plain(key=1)),
    ("object(1)", lambda: object(1)),
    ("Chained(1)", lambda: Chained(1)),
    ("Chained()", lambda: Chained()),
    ("object.__init__(Plain(), 1)", lambda: object.__init__(Plain(), 1)),
    ("Plain().__init__(1)", lambda: Plain().__init__(1)),
    ("object.__init__(object(), 1)", lambda: object.__init__(object(), 1)),
    ("object.__init__(Point(0, 0), 1)", lambda: object.__init__(Point(0, 0), 1)),
    ("object.__new__(Plain, 1)", lambda: object.__new__(Plain, 1)),
    ("object.__new__(object, 1)", lambda: object.__new__(object, 1)),
    ("object.__new__(Symbol, 1)", lambda: object.__new__(Symbol, 1)),
    ("object.__init__([], 1)", lambda: object.__init__([], 1)),
    ("object.__init__(KeyError(), 1)", lambda: object.__init__(KeyError(), 1)),
]
for what, f in checks:
    try:
        r = f()
        print(what, "->", type(r).__name__)
    except TypeError as e:
        print(what, "-> TypeError:", e)
