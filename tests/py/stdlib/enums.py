# CPython's own enum module on pyvm: an order-status workflow with Enum, IntEnum,
# StrEnum, Flag and IntFlag members, auto(), aliases, unique, iteration, lookups by
# value and name, methods on members, and the errors a bad value gives.
import enum
from enum import Enum, IntEnum, Flag, IntFlag, StrEnum, auto, unique


@unique
class Status(Enum):
    NEW = "new"
    PAID = "paid"
    SHIPPED = "shipped"
    DONE = "done"

    def next(self):
        order = list(Status)
        i = order.index(self)
        return order[min(i + 1, len(order) - 1)]

    @property
    def is_open(self):
        return self is not Status.DONE


class Priority(IntEnum):
    LOW = 1
    NORMAL = 2
    HIGH = 3


class Color(StrEnum):
    RED = auto()
    GREEN = auto()


class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
    RW = R | W


class Mode(IntFlag):
    READ = 4
    WRITE = 2
    EXEC = 1


class Shape(Enum):
    SQUARE = 4
    DIAMOND = 4  # an alias
    TRIANGLE = 3


s = Status.NEW
trail = [s]
while s.is_open:
    s = s.next()
    trail.append(s)
print([t.name for t in trail], Status("paid"), Status["SHIPPED"].value, repr(Status.DONE))
print(len(Status), Status.NEW in Status, isinstance(Status.NEW, Status), type(Status.NEW).__name__)
print(sorted([Priority.HIGH, Priority.LOW, Priority.NORMAL]), Priority.HIGH > Priority.LOW, Priority.NORMAL + 1, int(Priority.HIGH))
print(Color.RED, Color.GREEN.upper(), Color("green") is Color.GREEN, f"{Color.RED}!", [c.value for c in Color])
rw = Perm.R | Perm.W
print(rw, rw is Perm.RW, Perm.R in rw, Perm.X in rw, list(Perm), bool(Perm(0)), ~Perm.R)
m = Mode.READ | Mode.EXEC
print(m, int(m), Mode(6), m & Mode.READ, str(Mode.WRITE), repr(m))
print(Shape.DIAMOND is Shape.SQUARE, list(Shape), Shape.__members__.keys() == {"SQUARE", "DIAMOND", "TRIANGLE"})
print({Status.NEW: "fresh"}[Status("new")], Status.NEW.__class__ is Status, hash(Status.NEW) == hash(Status.NEW))
Animal = Enum("Animal", "ANT BEE CAT")
print(list(Animal), Animal.BEE.value, Animal(3))
for bad in [lambda: Status("lost"), lambda: Status["LOST"], lambda: Priority(9)]:
    try:
        bad()
    except (ValueError, KeyError) as e:
        print(type(e).__name__ + ":", e)
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print("ValueError:", e)
try:
    Status.NEW = "x"
except AttributeError as e:
    print("AttributeError:", e)
