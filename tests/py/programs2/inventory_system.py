# An inventory system with a hierarchy of custom exceptions.

class InventoryError(Exception):
    """Base class for inventory problems."""


class UnknownItem(InventoryError):
    def __init__(self, sku):
        super().__init__(f"unknown SKU {sku!r}")
        self.sku = sku


class OutOfStock(InventoryError):
    def __init__(self, sku, wanted, available):
        super().__init__(sku, wanted, available)
        self.sku = sku
        self.wanted = wanted
        self.available = available

    def __str__(self):
        return f"{self.sku}: wanted {self.wanted}, only {self.available} available"


class InvalidQuantity(InventoryError, ValueError):
    pass


class Item:
    def __init__(self, sku, name, price_cents, qty=0):
        self.sku = sku
        self.name = name
        self.price_cents = price_cents
        self.qty = qty

    def __repr__(self):
        return f"Item({self.sku!r}, {self.name!r}, {self.price_cents}, qty={self.qty})"

    @property
    def value(self):
        return self.price_cents * self.qty


class Inventory:
    def __init__(self):
        self._items = {}
        self.log = []

    def add(self, item):
        if item.sku in self._items:
            raise InventoryError(f"duplicate SKU {item.sku}")
        self._items[item.sku] = item
        self.log.append(("add", item.sku))

    def get(self, sku):
        try:
            return self._items[sku]
        except KeyError:
            raise UnknownItem(sku) from None

    def restock(self, sku, n):
        if not isinstance(n, int) or isinstance(n, bool) or n <= 0:
            raise InvalidQuantity(f"bad restock quantity {n!r}")
        item = self.get(sku)
        item.qty += n
        self.log.append(("restock", sku, n))

    def take(self, sku, n):
        item = self.get(sku)
        if n > item.qty:
            raise OutOfStock(sku, n, item.qty)
        item.qty -= n
        self.log.append(("take", sku, n))
        return item.price_cents * n

    def total_value(self):
        return sum([i.value for i in self._items.values()])

    def report(self):
        lines = []
        for sku in sorted(self._items):
            it = self._items[sku]
            lines.append(f"{sku:<6}{it.name:<12}{it.qty:>5}{it.price_cents / 100:>10.2f}")
        return "\n".join(lines)


inv = Inventory()
inv.add(Item("A100", "widget", 250, 10))
inv.add(Item("B200", "gadget", 1299, 2))
inv.add(Item("C300", "doohickey", 75))
try:
    inv.add(Item("A100", "again", 1))
except InventoryError as e:
    print("error:", e, type(e).__name__)

orders = [("A100", 3), ("B200", 5), ("Z999", 1), ("C300", 1), ("B200", 2)]
revenue = 0
for sku, n in orders:
    try:
        revenue += inv.take(sku, n)
    except OutOfStock as e:
        print("out of stock:", e, e.args)
    except UnknownItem as e:
        print("unknown:", e, "sku=" + e.sku)
    except InventoryError as e:
        print("other:", e)
print("revenue", revenue)

for sku, n in [("C300", 5), ("A100", 0), ("A100", True), ("A100", "3"), ("Q1", 2)]:
    try:
        inv.restock(sku, n)
        print("restocked", sku, n)
    except ValueError as e:
        print("ValueError:", e, isinstance(e, InventoryError))
    except InventoryError as e:
        print("InventoryError:", e)

print(inv.report())
print("total value", inv.total_value())
print(inv.log)
print(InvalidQuantity.__mro__[1:3])
print(repr(inv.get("C300")))
e = OutOfStock("X", 1, 0)
print(repr(e), str(e))
