class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

    def __add__(self, other):
        if not isinstance(other, Vec):
            return NotImplemented
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Vec(self.x * k, self.y * k)
        return NotImplemented

    def __rmul__(self, k):
        return self * k

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)

    def __lt__(self, other):
        return abs(self) < abs(other)

    def __bool__(self):
        return bool(self.x or self.y)

    def __iadd__(self, other):
        self.x += other.x
        self.y += other.y
        return self


a, b = Vec(1, 2), Vec(3, 4)
print(a + b, b - a, a * 3, 2 * a, -a, abs(b))
print(a == Vec(1, 2), a != b, a < b, b > a, a <= b if hasattr(Vec, "__ge__") and False else "no le")
print(bool(Vec(0, 0)), bool(a), not Vec(0, 0))
c = a
c += b
print(c, a, c is a)
print(sorted([Vec(3, 4), Vec(1, 0), Vec(0, 2)]))
print(max([Vec(3, 4), Vec(1, 0)]), min(Vec(3, 4), Vec(1, 0)))
try:
    a + 1
except TypeError as e:
    print("TypeError:", e)
try:
    a @ b
except TypeError as e:
    print("TypeError:", e)
try:
    a >= b
except TypeError as e:
    print("TypeError:", e)
try:
    "x" * a
except TypeError as e:
    print("TypeError:", e)
try:
    hash(a)
except TypeError as e:
    print("TypeError:", e)


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __radd__(self, other):
        if other == 0:
            return self
        return Money(self.cents + other)

    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        return Money(self.cents + other)

    def __repr__(self):
        return f"${self.cents / 100:.2f}"

    def __format__(self, spec):
        return format(self.cents / 100, spec) + " USD"


total = sum([Money(150), Money(275), Money(5)])
print(total, 10 + Money(5), f"{total:>10.1f}", format(Money(1)))


class Base:
    def __eq__(self, other):
        return "Base.eq"


class Derived(Base):
    def __eq__(self, other):
        return "Derived.eq"


print(Base() == Derived(), Derived() == Base(), Base() == 1, 1 == Base())
