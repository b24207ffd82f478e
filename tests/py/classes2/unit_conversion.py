# A unit-conversion table built with classmethods, class-level registries and
# alternative constructors.

class UnitError(Exception):
    pass


class Quantity:
    units = {}          # unit -> factor to the base unit, per subclass
    base = None

    def __init_subclass__(cls, base=None, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.units = {}
        cls.base = base

    @classmethod
    def register(cls, unit, factor, offset=0.0):
        cls.units[unit] = (factor, offset)
        return cls

    @classmethod
    def parse(cls, text):
        num, _, unit = text.strip().partition(" ")
        try:
            value = float(num)
        except ValueError:
            raise UnitError(f"not a number: {num!r}") from None
        return cls(value, unit.strip())

    @classmethod
    def table(cls, value, unit):
        q = cls(value, unit)
        return [(u, q.to(u).value) for u in sorted(cls.units)]

    def __init__(self, value, unit):
        if unit not in self.units:
            raise UnitError(f"unknown {type(self).__name__.lower()} unit {unit!r}")
        self.value = value
        self.unit = unit

    def to_base(self):
        factor, offset = self.units[self.unit]
        return (self.value + offset) * factor

    def to(self, unit):
        if unit not in self.units:
            raise UnitError(f"cannot convert {self.unit} to {unit!r}")
        factor, offset = self.units[unit]
        return type(self)(self.to_base() / factor - offset, unit)

    def __add__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return type(self)(self.value + other.to(self.unit).value, self.unit)

    def __eq__(self, other):
        return type(other) is type(self) and abs(self.to_base() - other.to_base()) < 1e-9

    def __lt__(self, other):
        return self.to_base() < other.to_base()

    def __repr__(self):
        return f"{self.value:.4g} {self.unit}"


class Length(Quantity, base="m"):
    pass


class Mass(Quantity, base="kg"):
    pass


class Temperature(Quantity, base="K"):
    pass


Length.register("m", 1.0).register("km", 1000.0).register("cm", 0.01).register("mm", 0.001)
Length.register("in", 0.0254).register("ft", 0.3048).register("mi", 1609.344)
Mass.register("kg", 1.0).register("g", 0.001).register("lb", 0.45359237).register("oz", 0.028349523125)
Temperature.register("K", 1.0).register("C", 1.0, 273.15).register("F", 5 / 9, 459.67)

print(Length.base, Mass.base, sorted(Length.units), sorted(Quantity.units))
for unit, value in Length.table(1, "mi"):
    print(f"  1 mi = {value:>14,.4f} {unit}")
print(Mass.parse("12 oz").to("g"), Mass.parse("2.2 lb").to("kg"))
for t in ["100 C", "32 F", "0 K", "-40 C"]:
    q = Temperature.parse(t)
    print(f"{t:>6} = {q.to('C')!r:>9} = {q.to('F')!r:>9} = {q.to('K')!r}")
total = Length(1, "km") + Length(250, "m") + Length(3, "ft")
print(total, total.to("mi"))
print(sorted([Length(1, "ft"), Length(30, "cm"), Length(12, "in"), Length(0.0003, "km")]))
print(Length(12, "in") == Length(1, "ft"), Length(1, "m") == Mass(1, "kg"))
for bad in [lambda: Length(1, "parsec"), lambda: Length(1, "m").to("kg"),
            lambda: Mass.parse("heavy lb"), lambda: Length(1, "m") + Mass(1, "kg")]:
    try:
        bad()
    except UnitError as e:
        print("UnitError:", e)
    except TypeError as e:
        print("TypeError:", e)
