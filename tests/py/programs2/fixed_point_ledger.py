# A bank ledger with decimal-like fixed-point amounts kept as integer cents.

class Money:
    __slots__ = ("cents",)
    SCALE = 100

    def __init__(self, cents=0):
        if not isinstance(cents, int):
            raise TypeError(f"cents must be int, not {type(cents).__name__}")
        self.cents = cents

    @classmethod
    def parse(cls, text):
        text = text.strip().replace(",", "")
        neg = text.startswith("-")
        if neg or text.startswith("+"):
            text = text[1:]
        whole, _, frac = text.partition(".")
        if not whole.isdigit() or (frac and not frac.isdigit()) or len(frac) > 2:
            raise ValueError(f"invalid amount: {text!r}")
        cents = int(whole) * cls.SCALE + int(frac.ljust(2, "0") or 0)
        return cls(-cents if neg else cents)

    def __add__(self, other):
        return Money(self.cents + other.cents)

    def __sub__(self, other):
        return Money(self.cents - other.cents)

    def __neg__(self):
        return Money(-self.cents)

    def __mul__(self, factor):
        # factor given as a (numerator, denominator) rate; round half to even
        num, den = factor
        q, r = divmod(self.cents * num, den)
        if 2 * r > den or (2 * r == den and q % 2 == 1):
            q += 1
        return Money(q)

    def __lt__(self, other):
        return self.cents < other.cents

    def __le__(self, other):
        return self.cents <= other.cents

    def __eq__(self, other):
        return isinstance(other, Money) and self.cents == other.cents

    def __hash__(self):
        return hash(self.cents)

    def __bool__(self):
        return self.cents != 0

    def __str__(self):
        sign = "-" if self.cents < 0 else ""
        whole, frac = divmod(abs(self.cents), self.SCALE)
        return f"{sign}${whole:,}.{frac:02d}"

    def __repr__(self):
        return f"Money({self.cents})"


class Ledger:
    def __init__(self, name):
        self.name = name
        self.entries = []

    def post(self, date, memo, amount):
        self.entries.append((date, memo, Money.parse(amount) if isinstance(amount, str) else amount))

    def balance(self, until=None):
        total = Money()
        for date, memo, amount in self.entries:
            if until is None or date <= until:
                total = total + amount
        return total

    def statement(self):
        rows = []
        running = Money()
        for date, memo, amount in sorted(self.entries, key=lambda e: e[0]):
            running = running + amount
            rows.append(f"{date}  {memo:<22}{str(amount):>14}{str(running):>14}")
        return "\n".join(rows)


led = Ledger("checking")
led.post("2024-01-01", "opening balance", "1,250.00")
led.post("2024-01-15", "rent", "-950")
led.post("2024-01-03", "salary", "3,400.5")
led.post("2024-01-20", "groceries", "-123.47")
led.post("2024-01-31", "interest", led.balance() * (3, 1000))
led.post("2024-02-01", "big purchase", "-12345.67")
print(led.statement())
print("balance Jan 15:", led.balance("2024-01-15"))
print("final:", led.balance(), repr(led.balance()))

for bad in ["12.345", "abc", "1.2.3", "", "--5", "7."]:
    try:
        print(bad, "->", Money.parse(bad))
    except ValueError as e:
        print("ValueError:", e)

# rounding half-even on splits
for cents in [5, 15, 25, 35, 1001, -15]:
    print(cents, (Money(cents) * (1, 10)).cents, (Money(cents) * (1, 2)).cents)

amounts = [Money.parse(s) for s in ["3.50", "-1", "0.99", "3.5", "100"]]
print(sorted(amounts), max(amounts), min(amounts))
print(len(set(amounts)), Money(350) in amounts, bool(Money()), Money(0) == 0)
try:
    Money(1.5)
except TypeError as e:
    print("TypeError:", e)
try:
    Money(1).cents2 = 3
except AttributeError as e:
    print("AttributeError:", e)
print(Money(-123456789), Money(7), Money(-7))
