"""Variable and function annotations (module, class, def), which dataclasses,
typing.get_type_hints and inspect.signature read."""
import dataclasses
import inspect
import typing

count: int = 0
label: str
print(__annotations__)


class Point:
    x: float
    y: float = 0.0
    if True:
        z: "int" = 1
    attr_only: list
    print(sorted(locals()))


print(Point.__annotations__, Point.y, hasattr(Point, "attr_only"))


def move(p: Point, dx: float = 1.0, *more: int, scale: "float" = 2, **kw: str) -> Point:
    return p


async def fetch(url: str) -> bytes: ...


def plain(a, b=1): pass


print(move.__annotations__, fetch.__annotations__, plain.__annotations__)
print(inspect.signature(move))
print(inspect.signature(plain), inspect.signature(fetch).return_annotation)
print(typing.get_type_hints(move))


@dataclasses.dataclass(order=True)
class Item:
    name: str
    price: float = 0.0
    tags: list = dataclasses.field(default_factory=list)
    count: typing.ClassVar[int] = 0


a = Item("apple", 1.5)
print(a, a < Item("apple", 2.0), dataclasses.asdict(a))
print([f.name for f in dataclasses.fields(Item)], inspect.signature(Item.__init__))


@dataclasses.dataclass(frozen=True)
class Frozen:
    value: int

try:
    Frozen(1).value = 2
except dataclasses.FrozenInstanceError as e:
    print("FrozenInstanceError:", e)
print(Frozen(3) == Frozen(3), hash(Frozen(3)) == hash(Frozen(3)), dataclasses.replace(Frozen(1), value=5))
