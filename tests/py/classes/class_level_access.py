# A units library in the style of deltablue's Strength: constants stored on the
# class as instances, class methods called through the class and through
# instances, static helpers, nested classes, and module-level access to a module's
# functions that are rebound and deleted while call sites keep running.
import math
import types


class Unit:
    def __init__(self, name, factor):
        self.name = name
        self.factor = factor

    @classmethod
    def parse(cls, text):
        for u in cls.ALL:
            if u.name == text:
                return u
        raise KeyError(text)

    @classmethod
    def strongest(cls, a, b):
        return a if a.factor >= b.factor else b

    @staticmethod
    def convert(value, src, dst):
        return value * src.factor / dst.factor

    def __repr__(self):
        return f"Unit({self.name})"

    class Error(Exception):
        pass


Unit.METRE = Unit("m", 1.0)
Unit.KILOMETRE = Unit("km", 1000.0)
Unit.MILE = Unit("mi", 1609.344)
Unit.ALL = (Unit.METRE, Unit.KILOMETRE, Unit.MILE)


class Imperial(Unit):
    @classmethod
    def parse(cls, text):
        return super().parse(text.lower())


def trip(legs):
    total = 0.0
    for value, unit in legs:
        u = Unit.parse(unit)
        total += Unit.convert(value, u, Unit.KILOMETRE)
    return round(total, 3)


print(trip([(5, "km"), (3, "mi"), (250, "m")]))
print(Unit.strongest(Unit.MILE, Unit.KILOMETRE), Unit.METRE.strongest(Unit.METRE, Unit.KILOMETRE))
print(Imperial.parse("MI"), Imperial.strongest(Unit.METRE, Unit.MILE))
print(Unit.parse is not Unit.parse, Unit.convert is Unit.__dict__["convert"].__func__)
try:
    raise Unit.Error("bad unit")
except Unit.Error as e:
    print("Unit.Error:", e)


# A constant that is a descriptor: reading it through the class calls __get__.
class Lazy:
    def __init__(self, f):
        self.f = f

    def __get__(self, obj, cls):
        return self.f(cls)


class Table:
    ROWS = 3
    label = Lazy(lambda cls: f"{cls.__name__} with {cls.ROWS} rows")


class Wide(Table):
    ROWS = 10


print([(c.label, c.ROWS) for c in (Table, Wide, Table)])

# Class attributes rebound, deleted, and a class method replaced by a plain value
# while the same sites keep reading them.
for round_ in range(3):
    print(round_, Unit.METRE.factor, Table.ROWS, Wide.ROWS, trip([(1, "mi")]))
    if round_ == 0:
        Table.ROWS = 4
        del Wide.ROWS
        Unit.KILOMETRE = Unit("km", 500.0)
    elif round_ == 1:
        Unit.convert = staticmethod(lambda v, s, d: -1.0)
try:
    Table.missing
except AttributeError as e:
    print("AttributeError:", e)

# Module attributes through one site: a function rebound on the module, then
# deleted (AttributeError with CPython's message), then put back.
lib = types.ModuleType("lib")
lib.scale = lambda x: x * 2
for step in range(5):
    try:
        print(step, lib.scale(step), math.floor(step / 2))
    except AttributeError as e:
        print(step, "AttributeError:", e)
    if step == 1:
        lib.scale = lambda x: x * 10
    elif step == 2:
        del lib.scale
    elif step == 3:
        lib.scale = abs
