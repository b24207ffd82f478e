# An invoice formatter called the way application code calls helpers: keywords for
# options, keyword-only flags, positional-only parameters, methods with keywords,
# and every way a keyword call can be wrong (each error as CPython words it).

def line(item, qty=1, *, price, currency="EUR", note=None):
    text = "%-8s x%d %8.2f %s" % (item, qty, qty * price, currency)
    return text + (" (%s)" % note if note else "")


def clamp(value, low, /, high=100):
    return max(low, min(value, high))


def span(start, stop=None):
    return (0, start) if stop is None else (start, stop)


class Invoice:
    def __init__(self, customer, *, currency="EUR", lines=None):
        self.customer = customer
        self.currency = currency
        self.lines = lines if lines is not None else []

    def add(self, item, qty=1, *, price, note=None):
        self.lines.append(line(item, qty, price=price, currency=self.currency, note=note))
        return self

    def total_line(self, label="total", width=30):
        return label.ljust(width, ".")


inv = Invoice("ACME", currency="USD")
inv.add("bolt", 40, price=0.25).add("nut", price=0.1, qty=100).add(item="gear", price=12.5, note="spare")
Invoice.add(inv, "spring", price=1.75, qty=3)
for l in inv.lines:
    print(l)
print(inv.total_line(width=12), inv.total_line(label="net"))
print(clamp(150, 0), clamp(-5, 0, high=50), clamp(7, 3, 9))
print(span(5), span(stop=9, start=2), span(start=3))

bad = [
    lambda: line("x"),                              # missing keyword-only
    lambda: line("x", 2, 3),                        # too many positional
    lambda: line("x", price=1, item="y"),           # multiple values
    lambda: line("x", price=1, colour="red"),       # unexpected keyword
    lambda: clamp(1, low=0),                        # positional-only by keyword
    lambda: clamp(1, 0, 5, high=6),                 # multiple values for high
    lambda: span(stop=3),                           # missing positional
    lambda: inv.add("x", 1, 2, price=1),            # too many for a method
    lambda: Invoice(customer="x", currency="GBP", lines=[1]).lines,
    lambda: Invoice("x", "GBP"),
]
for call in bad:
    try:
        print("ok:", call())
    except TypeError as e:
        print("TypeError:", e)


def countdown(n, acc=0):
    return acc if n == 0 else countdown(n - 1, acc=acc + n)


print(countdown(400, acc=1))
try:
    countdown(10**6, acc=0)
except RecursionError as e:
    print("RecursionError:", e)
