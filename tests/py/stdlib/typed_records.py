# Records declared with typing.NamedTuple (a class statement whose bases are swapped
# for `tuple`), used as a small inventory with defaults, methods and _replace.
from typing import NamedTuple, Optional


class Item(NamedTuple):
    sku: str
    qty: int = 0
    price: float = 0.0
    note: Optional[str] = None

    def total(self) -> float:
        return self.qty * self.price


class Location(NamedTuple):
    aisle: int
    shelf: str


stock = [Item("apple", 3, 0.5), Item("pear", price=0.75), Item("fig", 10, 0.2, "ripe")]
for item in stock:
    print(item, item.total())
restocked = stock[1]._replace(qty=8)
print(restocked, restocked.total(), restocked._asdict())
print(Item._fields, Item._field_defaults, Item.__bases__, isinstance(restocked, tuple))
print(Location(3, "B") < Location(3, "C"), Location._make([1, "A"]))
sku, qty, *_ = stock[2]
print(sku, qty, len(stock[2]), Item.__annotations__["qty"])
try:
    class Bad(NamedTuple):
        a: int = 1
        b: str
except TypeError as e:
    print("TypeError:", e)
