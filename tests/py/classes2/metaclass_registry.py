# A plugin registry and a few other metaclass idioms, as real programs use them.

class PluginMeta(type):
    registry = {}

    def __new__(mcs, name, bases, ns, **kwargs):
        cls = super().__new__(mcs, name, bases, ns)
        if bases:
            key = kwargs.get("key", name.lower())
            mcs.registry[key] = cls
        return cls

    def __init__(cls, name, bases, ns, **kwargs):
        super().__init__(name, bases, ns)
        cls.created_by = "PluginMeta"

    def __repr__(cls):
        return f"<plugin {cls.__name__}>"

    def __len__(cls):
        return len(type(cls).registry)

    def __iter__(cls):
        return iter(sorted(type(cls).registry))

    def describe(cls):
        return f"{cls.__name__} from {type(cls).__name__}"

    @property
    def label(cls):
        return cls.__name__.upper()


class Plugin(metaclass=PluginMeta):
    def run(self):
        return f"{type(self).__name__}.run"


class Csv(Plugin):
    pass


class Json(Plugin, key="js"):
    def run(self):
        return "json: " + super().run()


print(type(Plugin) is PluginMeta, type(Csv).__name__, Csv.__class__.__name__)
print(sorted(PluginMeta.registry))
print(repr(Csv), str(Json), [Csv, Json])
print(len(Plugin), list(Plugin))
print(Csv.describe(), Json.label, Csv.created_by)
print(Json().run(), Csv().run())
print(isinstance(Csv, PluginMeta), isinstance(Csv(), Plugin), issubclass(PluginMeta, type))
print("js" in PluginMeta.registry, "csv" in Plugin)


# A singleton through __call__.
class Singleton(type):
    _instances = {}

    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]


class Config(metaclass=Singleton):
    def __init__(self, path="app.cfg"):
        self.path = path
        print("loading", path)


a = Config("one.cfg")
b = Config("two.cfg")
print(a is b, a.path)


# __prepare__ keeping definition order, and keyword arguments.
class Ordered(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kwargs):
        print("prepare", name, [b.__name__ for b in bases], kwargs)
        return {"_order_hint": True}

    def __new__(mcs, name, bases, ns, **kwargs):
        ns["fields"] = [k for k in ns if not k.startswith("_")]
        return super().__new__(mcs, name, bases, ns)

    def __init__(cls, name, bases, ns, **kwargs):
        super().__init__(name, bases, ns)


class Record(metaclass=Ordered, table="records"):
    id = 0
    name = ""

    def save(self):
        pass


print(Record.fields, Record._order_hint)


# __instancecheck__ / __subclasscheck__ as abc does it.
class DuckMeta(type):
    def __instancecheck__(cls, obj):
        return hasattr(obj, "quack")

    def __subclasscheck__(cls, sub):
        return hasattr(sub, "quack")


class Duck(metaclass=DuckMeta):
    pass


class Robot:
    def quack(self):
        return "beep"


print(isinstance(Robot(), Duck), isinstance(3, Duck), issubclass(Robot, Duck), issubclass(int, Duck))
print(isinstance(Robot(), (int, Duck)))


# type() with three arguments, and a metaclass inherited through bases.
Point = type("Point", (), {"x": 0, "y": 0, "__repr__": lambda self: f"Point({self.x}, {self.y})"})
print(Point(), Point.__name__, type(Point) is type)
Dyn = PluginMeta("Dyn", (Plugin,), {})
print(type(Dyn).__name__, "dyn" in PluginMeta.registry)


class Sub(Csv):
    pass


print(type(Sub).__name__, sorted(PluginMeta.registry))


# Class-level __getitem__ and __class_getitem__.
class Lookup(type):
    def __getitem__(cls, key):
        return f"{cls.__name__}[{key!r}]"


class Table(metaclass=Lookup):
    pass


class Box:
    def __class_getitem__(cls, item):
        return f"Box of {item.__name__}"


print(Table["x"], Box[int])


# Errors.
class M1(type):
    pass


class M2(type):
    pass


class A(metaclass=M1):
    pass


class B(metaclass=M2):
    pass


try:
    class C(A, B):
        pass
except TypeError as e:
    print("TypeError:", e)

try:
    type.__new__(int, "X", (), {})
except TypeError as e:
    print("TypeError:", e)


def func_meta(name, bases, ns):
    return f"made {name} with {sorted(k for k in ns if not k.startswith('__'))}"


class NotAClass(metaclass=func_meta):
    a = 1


print(NotAClass)


# super() and __class__ inside a class made by a metaclass.
class Base(metaclass=PluginMeta):
    def hello(self):
        return "base"


class Child(Base):
    def hello(self):
        return "child+" + super().hello() + "+" + __class__.__name__


print(Child().hello())
print(PluginMeta.__mro__[1].__name__, Child.mro()[0].__name__)
