# Invoices rendered by the formatting built-ins, whose call-backs wait: amounts format
# themselves (__format__) after asking a currency service (ask(): a server
# micro_thread under pyvm), __str__ and __repr__ pause, a property read by
# str.format() pauses, and json.dumps()/json.loads() hooks ask the service. Several
# invoices are rendered at once, one micro_thread each; the texts are printed in
# invoice order.
import json
from mtcompat import spawn_all, outcome, attempt, ask, pause, nap

RATES = {"EUR": 100, "USD": 90, "GBP": 115}


class Money:
    def __init__(self, cents, currency="EUR"):
        self.cents = cents
        self.currency = currency

    def in_euro_cents(self):
        return ask(self, lambda m: m.cents * RATES[m.currency] // 100)

    def __format__(self, spec):
        cents = self.in_euro_cents()
        text = "%d.%02d" % divmod(cents, 100)
        return format(text, spec) if spec else text + " EUR"

    def __str__(self):
        pause()
        return "%d.%02d %s" % (self.cents // 100, self.cents % 100, self.currency)

    def __repr__(self):
        return ask(self, lambda m: "Money(%d, %r)" % (m.cents, m.currency))


class Line:
    def __init__(self, item, qty, price):
        self.item = item
        self.qty = qty
        self.price = price

    @property
    def total(self):
        nap()
        return Money(self.qty * self.price.cents, self.price.currency)

    def __repr__(self):
        pause()
        return "Line(%r, %d, %r)" % (self.item, self.qty, self.price)


INVOICES = {
    "A-1": [("pens", 3, Money(250)), ("ink", 1, Money(1299, "USD"))],
    "B-2": [("desk", 1, Money(15000, "GBP"))],
    "C-3": [("clips", 100, Money(2)), ("tape", 4, Money(199)), ("glue", 2, Money(350, "USD"))],
}


def render(number):
    lines = [Line(*spec) for spec in INVOICES[number]]
    first = lines[0]
    return [
        ("f-string", attempt(lambda: f"{first.item:<6}|{first.price:>9}|{first.total:^10}|")),
        ("format()", attempt(lambda: [format(l.price, "08") for l in lines])),
        ("format(), no spec", attempt(format, first.price)),
        ("str.format", attempt("{0.item} x{0.qty} = {0.total!s}".format, first)),
        ("str.format spec", attempt("{:>12}".format, first.price)),
        ("%s and %r", attempt(lambda: "%s / %r" % (first.price, first.price))),
        ("str()", attempt(lambda: [str(l.price) for l in lines])),
        ("repr()", attempt(repr, first.price)),
        ("f-string !r", attempt(lambda: f"{first.price!r}")),
        ("repr of a list", attempt(repr, [l.price for l in lines])),
        ("str of a dict", attempt(str, {l.item: l.price for l in lines})),
        ("repr of a tuple", attempt(repr, (first,))),
        ("nested repr", attempt(repr, {"lines": lines[-1:], "n": len(lines)})),
        ("join of str()", attempt(lambda: ", ".join(str(l.total) for l in lines))),
        ("join of map(str)", attempt(lambda: ", ".join(map(str, (l.price for l in lines))))),
        ("join of map(repr)", attempt(lambda: "; ".join(map(repr, lines)))),
        ("join of map(format)", attempt(lambda: " + ".join(map(format, [l.total for l in lines],
                                                               [""] * 9)))),
    ]


for number, thread in zip(INVOICES, spawn_all(render, list(INVOICES))):
    print("invoice", number)
    for what, value in outcome(thread):
        print("  %-20s %s" % (what + ":", value))


def encode(obj):
    """json.dumps's default=: how a Money or a Line goes into JSON."""
    if isinstance(obj, Money):
        return {"cents": obj.in_euro_cents(), "was": str(obj)}
    if isinstance(obj, Line):
        pause()
        return [obj.item, obj.qty, obj.total]
    raise TypeError("cannot encode %s" % type(obj).__name__)


class Encoder(json.JSONEncoder):
    def default(self, obj):
        nap()
        return encode(obj)


def decode(d):
    """json.loads's object_hook=: a dict with cents becomes Money again."""
    if "cents" in d:
        return Money(ask(d["cents"]))
    return d


def exports(number):
    lines = [Line(*spec) for spec in INVOICES[number]]
    plain = json.dumps({"invoice": number, "lines": [[l.item, {"cents": l.price.cents}]
                                                     for l in lines]})
    return [
        ("json.dumps(default=)", attempt(json.dumps, {"invoice": number, "lines": lines},
                                         default=encode, sort_keys=True)),
        ("json.dumps(cls=)", attempt(json.dumps, lines[0].price, cls=Encoder)),
        ("json.dumps indented", attempt(lambda: json.dumps(lines[-1], default=encode, indent=1)
                                        .replace("\n", "/"))),
        ("json.loads(object_hook=)", attempt(lambda: repr(json.loads(plain, object_hook=decode)))),
        ("json.loads(parse_int=)", attempt(json.loads, "[1, 20, 300]",
                                           parse_int=lambda s: ask(int(s) * 2))),
    ]


for number, thread in zip(INVOICES, spawn_all(exports, list(INVOICES))):
    print("export", number)
    for what, value in outcome(thread):
        print("  %-26s %s" % (what + ":", value))


# The main micro_thread prints objects itself: print() calls __str__ (and list's
# repr calls __repr__).
total = [Line(*spec).total for spec in INVOICES["C-3"]]
try:
    print("print():", end=" ")
    print(*total, sep=" | ")
    print("print() of a list:", total)
    print(f"summary: {len(total)} lines, first {total[0]:>10}, last {total[-1]!r}")
except Exception as e:
    print("failed:", type(e).__name__, e)
