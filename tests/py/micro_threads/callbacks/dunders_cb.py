# An inventory whose objects wait inside their special methods: SKUs compare and hash
# through a catalogue service (ask(): a server micro_thread under pyvm), bins pause in
# __len__/__bool__/__contains__, records fetch missing fields in __getattr__, a
# property and a descriptor pause, constructors pause in __new__/__init__, a lock
# pauses in __enter__/__exit__, and quantities pause in __int__/__float__/__index__/
# __abs__/__radd__. The built-ins that call them (list.index, set(), len(), hasattr(),
# int(), sum(), map(), ...) run in several warehouse micro_threads at once; the results
# are printed afterwards, in warehouse order.
from mtcompat import spawn_all, outcome, attempt, ask, pause, nap


class Sku:
    """A stock-keeping unit: 'ab-12' and 'AB12' are the same one, as the catalogue
    service (which normalises codes) decides."""

    def __init__(self, code):
        self.code = code

    def canonical(self):
        return ask(self.code, lambda c: c.replace("-", "").upper())

    def __eq__(self, other):
        if not isinstance(other, Sku):
            return NotImplemented
        return self.canonical() == other.canonical()

    def __hash__(self):
        return sum(map(ord, self.canonical()))

    def __repr__(self):
        return "Sku(%r)" % self.code


WAREHOUSES = {
    "dock": ["ab-12", "CD34", "ab12", "ef-56", "AB-12"],
    "yard": ["zz-1", "ZZ1", "zz1"],
    "shed": ["q-7", "r-8", "s-9", "Q7", "t-10", "r8"],
}


def stock_checks(where):
    codes = WAREHOUSES[where]
    stock = [Sku(c) for c in codes]
    first = stock[0]
    return [
        ("index of the first", attempt(stock.index, Sku(codes[0].lower()))),
        ("index from 1", attempt(stock.index, first, 1)),
        ("count of the first", attempt(stock.count, first)),
        ("first in stock", attempt(lambda: Sku(codes[0].upper()) in stock)),
        ("unknown not in stock", attempt(lambda: Sku("none") not in stock)),
        ("in a tuple", attempt(lambda: first in tuple(stock[1:]))),
        ("tuple.count", attempt(tuple(stock).count, first)),
        ("after a remove", attempt(lambda: (stock.remove(Sku(codes[0])), stock)[1])),
        ("lists equal", attempt(lambda: [Sku(c) for c in codes] == [Sku(c.upper()) for c in codes])),
        ("distinct (set)", attempt(lambda: len(set(Sku(c) for c in codes)))),
        ("distinct (set of a list)", attempt(lambda: len(set([Sku(c) for c in codes])))),
        ("set lookup", attempt(lambda: Sku(codes[-1]) in {Sku(c) for c in codes})),
        ("frozenset", attempt(lambda: len(frozenset(Sku(c) for c in codes)))),
        ("dict keys", attempt(lambda: sorted(s.code for s in dict.fromkeys(Sku(c) for c in codes)))),
    ]


for where, thread in zip(WAREHOUSES, spawn_all(stock_checks, list(WAREHOUSES))):
    print("warehouse", where)
    for what, value in outcome(thread):
        print("  %-26s %s" % (what + ":", value))


class Bin:
    """A storage bin: counting, checking and searching it means walking to it."""

    def __init__(self, label, items):
        self.label = label
        self.items = list(items)

    def __len__(self):
        pause()
        return len(self.items)

    def __contains__(self, item):
        return ask(item) in self.items


class Shelf(Bin):
    def __bool__(self):
        nap()
        return ask(len(self.items)) > 0


class Quantity:
    def __init__(self, n):
        self.n = n

    def __int__(self):
        pause()
        return int(self.n)

    def __float__(self):
        return float(ask(self.n))

    def __abs__(self):
        return Quantity(abs(ask(self.n)))

    def __radd__(self, other):
        pause()
        return other + self.n

    def __repr__(self):
        return "Quantity(%r)" % self.n


class Count:
    """Usable as an index: only __index__."""

    def __init__(self, n):
        self.n = n

    def __index__(self):
        return ask(self.n)


def bins(where):
    codes = WAREHOUSES[where]
    full, empty = Shelf(where, codes), Shelf("spare", [])
    plain = Bin(where, codes)
    qty = [Quantity(len(c) - 4.5) for c in codes]
    return [
        ("len", attempt(len, plain)),
        ("len of a shelf", attempt(len, full)),
        ("truth of a bin (__len__)", attempt(lambda: "stocked" if plain else "empty")),
        ("truth of shelves", attempt(lambda: (bool(full), not empty, bool(empty)))),
        ("any shelf", attempt(any, [empty, full])),
        ("all shelves", attempt(all, [full, empty])),
        ("non-empty (filter None)", attempt(lambda: [s.label for s in filter(None, [empty, full])])),
        ("contains", attempt(lambda: (codes[1] in plain, "nope" in plain, "nope" not in full))),
        ("int()", attempt(lambda: [int(q) for q in qty])),
        ("float()", attempt(lambda: [float(q) for q in qty])),
        ("abs()", attempt(lambda: [abs(q) for q in qty])),
        ("sum() via __radd__", attempt(sum, qty)),
        ("int() via __index__", attempt(int, Count(len(codes)))),
        ("range()", attempt(lambda: list(range(Count(len(codes)))))),
        ("range(a, b)", attempt(lambda: list(range(Count(1), Count(3))))),
    ]


for where, thread in zip(WAREHOUSES, spawn_all(bins, list(WAREHOUSES))):
    print("bins", where)
    for what, value in outcome(thread):
        print("  %-26s %s" % (what + ":", value))


class Lazy:
    """A descriptor that computes the value on first use, after a pause."""

    def __get__(self, record, owner=None):
        if record is None:
            return self
        pause()
        return ask(record.sku.code, lambda c: len(c) * 3)


class Record:
    """An inventory record; its constructor, its property and its missing fields all
    consult the catalogue."""
    weight = Lazy()
    made = 0

    def __new__(cls, code, qty):
        pause()
        record = super().__new__(cls)
        Record.made += 1
        return record

    def __init__(self, code, qty):
        nap()
        self.sku = Sku(code)
        self.qty = ask(qty)

    @property
    def canonical(self):
        return self.sku.canonical()

    def __getattr__(self, name):
        if name.startswith("supplier_"):
            return ask(name[9:], lambda n: n.title() + " Ltd")
        pause()
        raise AttributeError(name)


class Audit:
    """A lock on the ledger: taking and releasing it waits; it swallows KeyError."""
    log = []

    def __init__(self, where):
        self.where = where

    def __enter__(self):
        nap()
        self.entries = []
        return self

    def __exit__(self, kind, value, tb):
        pause()
        self.entries.append("closed" if kind is None else "closed after " + kind.__name__)
        return ask(kind is KeyError)


def records(where):
    codes = WAREHOUSES[where]
    made = [Record(c, n) for n, c in enumerate(codes, 1)]
    rec = Record(codes[0], 5)                      # a plain call: Python to Python
    with Audit(where) as audit:
        audit.entries.append(rec.canonical)
    with Audit(where) as second:
        second.entries.append("lookup")
        {}[where]
    return [
        ("made by map()", attempt(lambda: [(r.sku.code, r.qty) for r in
                                           map(Record, codes, range(1, 99))])),
        ("made in a comprehension", [(r.sku.code, r.qty) for r in made]),
        ("property", rec.canonical),
        ("property via getattr()", attempt(getattr, rec, "canonical")),
        ("descriptor", rec.weight),
        ("descriptor via getattr()", attempt(getattr, rec, "weight")),
        ("weights via map(getattr)", attempt(lambda: list(map(getattr, made, ["weight"] * 9)))),
        ("supplier", rec.supplier_acme),
        ("hasattr supplier", attempt(hasattr, rec, "supplier_acme")),
        ("hasattr other", attempt(hasattr, rec, "colour")),
        ("getattr supplier", attempt(getattr, rec, "supplier_" + where)),
        ("getattr with default", attempt(getattr, rec, "colour", "unpainted")),
        ("audit", audit.entries),
        ("audit that failed", second.entries),
    ]


for where, thread in zip(WAREHOUSES, spawn_all(records, list(WAREHOUSES))):
    print("records", where)
    rows = outcome(thread)
    if isinstance(rows, str):
        print("  failed:", rows)
        continue
    for what, value in rows:
        print("  %-26s %s" % (what + ":", value))
print("records made:", Record.made)
