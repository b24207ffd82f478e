# Class statements built from data: bases and keyword arguments unpacked with * and
# ** (a plugin registry whose options come from a config dict), callable instances
# whose __call__ is itself an instance, and integer-like objects given to hex/oct/bin.


class Registry(type):
    plugins = {}

    def __new__(mcs, name, bases, ns, **options):
        cls = super().__new__(mcs, name, bases, ns)
        cls.options = dict(options)
        if options.get("register", True):
            Registry.plugins[name] = cls
        return cls

    def __init__(cls, name, bases, ns, **options):
        super().__init__(name, bases, ns)


class Base:
    def describe(self):
        return f"{type(self).__name__} {sorted(self.options.items())}"


class Loggable:
    def log(self):
        return "log:" + type(self).__name__


config = {"metaclass": Registry, "priority": 3, "format": "csv"}
mixins = [Base, Loggable]


class CSVExport(*mixins, **config):
    pass


class JSONExport(Base, *mixins[1:], register=True, **{"metaclass": Registry, "priority": 1}):
    pass


class Hidden(*(Base,), **dict(metaclass=Registry), register=False):
    pass


print(CSVExport().describe(), CSVExport().log())
print(JSONExport().describe(), [c.__name__ for c in JSONExport.__mro__])
print(sorted(Registry.plugins), Hidden.options)
print(type(CSVExport).__name__, CSVExport.__bases__)

for bad in ("class X(*5): pass",
            "class X(**{'metaclass': Registry}, metaclass=Registry): pass",
            "class X(**[1]): pass"):
    try:
        exec(bad)
    except TypeError as e:
        print("TypeError:", e)


def decorate(cls):
    cls.decorated = True
    return cls


@decorate
class Empty(*(), **{}):
    pass


print(Empty.decorated, Empty.__bases__)


# An instance whose __call__ is an instance of the same class: CPython stops the
# endless chain with RecursionError.
class Relay:
    pass


Relay.__call__ = Relay()
try:
    Relay()()
except RecursionError as e:
    print("RecursionError:", e)


class Flags:
    def __init__(self, bits):
        self.bits = bits

    def __index__(self):
        return self.bits


for f in (Flags(0), Flags(255), Flags(-10)):
    print(hex(f), oct(f), bin(f), f"{f.bits:#x}")
try:
    hex(Flags("x"))
except TypeError as e:
    print("TypeError:", e)
try:
    oct(3.5)
except TypeError as e:
    print("TypeError:", e)


class Fixed:
    kind = "fixed"
    __slots__ = ("value",)


point = Fixed()
point.value = 1
for action in ("set", "del"):
    for attr in ("kind", "other"):
        try:
            if action == "set":
                setattr(point, attr, 2)
            else:
                delattr(point, attr)
        except AttributeError as e:
            print(action, attr, "->", e)
