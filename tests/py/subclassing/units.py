# A small units library: lengths are floats that know their unit.
import math


class Meters(float):
    """A non-negative length in meters."""

    def __new__(cls, value=0.0):
        if isinstance(value, str):
            value = float(value.rstrip("m"))
        if value < 0:
            raise ValueError(f"a length cannot be negative: {value!r}")
        return super().__new__(cls, value)

    def __repr__(self):
        return f"Meters({float(self)!r})"

    def __str__(self):
        return f"{float(self):g} m"

    def __add__(self, other):
        if isinstance(other, Meters):
            return Meters(float(self) + float(other))
        return super().__add__(other)

    def to(self, unit):
        return float(self) / UNITS[unit]


class Kilometers(Meters):
    def __new__(cls, km):
        return super().__new__(cls, km * 1000)

    def __str__(self):
        return f"{float(self) / 1000:g} km"


UNITS = {"m": 1.0, "cm": 0.01, "km": 1000.0, "ft": 0.3048}

a = Meters(3.5)
b = Meters("1.5m")
print(a, b, repr(a), repr(b))
print("types:", type(a).__name__, isinstance(a, float), issubclass(Meters, float))

# Meters + Meters is Meters (own __add__); everything else is a plain float.
total = a + b
print(total, repr(total), type(total).__name__)
for value in (a + 1, 1 + a, a * 2, a - b, a / 2, a // 2, a % 2, a ** 2, -a, +a, abs(a)):
    print(f"  {value!r:>8} {type(value).__name__}")
print("mixed:", type(a + 1.0).__name__, type(2.0 * b).__name__)

# Comparisons, hashing and sorting use the float value.
print(a == 3.5, a > b, b < 2, a != Meters(3.5), hash(a) == hash(3.5))
lengths = [Meters(5), Meters(0.25), Meters(12), Meters(3)]
print(sorted(lengths))
print(min(lengths), max(lengths), sum(lengths), sum(lengths, Meters()))
print(round(Meters(2.567), 2), math.floor(a), math.ceil(a), int(a), float(a), math.sqrt(Meters(16.0)))
print({a: "a"}[3.5], a in [1.0, 3.5], [x.to("cm") for x in lengths])

# Formatting goes through float's formatting or the class's __str__.
print(f"{a:.3f}|{a:>10.1f}|{a}|{a!r}|{a!s}", "%.2f / %s / %r" % (a, a, a))
print(format(b, "e"), "{:08.2f}".format(b), "{0}".format(b))

km = Kilometers(2.5)
print(km, repr(km), type(km).__mro__[1].__name__, km.to("km"), km + Meters(500))

# Validation in __new__.
for bad in (-1, "-3m"):
    try:
        Meters(bad)
    except ValueError as e:
        print("ValueError:", e)

# Instances keep attributes of their own.
a.label = "table"
print(a.label, vars(a), a.is_integer(), Meters(4.0).is_integer(), a.real, a.as_integer_ratio())
