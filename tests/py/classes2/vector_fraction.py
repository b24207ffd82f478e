# Operator-overloaded 2D vectors and exact fractions with total ordering via
# dunders, reflected operators, hashing consistent with equality, and __format__.
import math


def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)


class Fraction:
    __slots__ = ("num", "den")

    def __init__(self, num=0, den=1):
        if isinstance(num, str):
            n, _, d = num.partition("/")
            num, den = int(n), int(d or 1)
        if den == 0:
            raise ZeroDivisionError(f"Fraction({num}, 0)")
        g = gcd(num, den) or 1
        if den < 0:
            g = -g
        self.num, self.den = num // g, den // g

    @staticmethod
    def _coerce(x):
        if isinstance(x, Fraction):
            return x
        if isinstance(x, int):
            return Fraction(x)
        return NotImplemented

    def __add__(self, o):
        o = Fraction._coerce(o)
        if o is NotImplemented:
            return o
        return Fraction(self.num * o.den + o.num * self.den, self.den * o.den)

    __radd__ = __add__

    def __sub__(self, o):
        o = Fraction._coerce(o)
        if o is NotImplemented:
            return o
        return Fraction(self.num * o.den - o.num * self.den, self.den * o.den)

    def __rsub__(self, o):
        return Fraction._coerce(o) - self

    def __mul__(self, o):
        o = Fraction._coerce(o)
        if o is NotImplemented:
            return o
        return Fraction(self.num * o.num, self.den * o.den)

    __rmul__ = __mul__

    def __truediv__(self, o):
        o = Fraction._coerce(o)
        if o is NotImplemented:
            return o
        return Fraction(self.num * o.den, self.den * o.num)

    def __rtruediv__(self, o):
        return Fraction._coerce(o) / self

    def __pow__(self, n):
        if n < 0:
            return Fraction(self.den ** -n, self.num ** -n)
        return Fraction(self.num ** n, self.den ** n)

    def __neg__(self):
        return Fraction(-self.num, self.den)

    def __abs__(self):
        return Fraction(abs(self.num), self.den)

    def _cmp(self, o):
        o = Fraction._coerce(o)
        if o is NotImplemented:
            return None
        return self.num * o.den - o.num * self.den

    def __eq__(self, o):
        c = self._cmp(o)
        return NotImplemented if c is None else c == 0

    def __lt__(self, o):
        c = self._cmp(o)
        return NotImplemented if c is None else c < 0

    def __le__(self, o):
        c = self._cmp(o)
        return NotImplemented if c is None else c <= 0

    def __gt__(self, o):
        c = self._cmp(o)
        return NotImplemented if c is None else c > 0

    def __ge__(self, o):
        c = self._cmp(o)
        return NotImplemented if c is None else c >= 0

    def __hash__(self):
        return hash(self.num) if self.den == 1 else hash((self.num, self.den))

    def __float__(self):
        return self.num / self.den

    def __int__(self):
        return int(self.num / self.den)

    def __bool__(self):
        return self.num != 0

    def __repr__(self):
        return f"Fraction({self.num}, {self.den})"

    def __str__(self):
        return str(self.num) if self.den == 1 else f"{self.num}/{self.den}"

    def __format__(self, spec):
        if spec.endswith("m"):
            whole, rest = divmod(self.num, self.den)
            return f"{whole} {rest}/{self.den}" if rest else str(whole)
        return format(float(self), spec) if spec else str(self)


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y) if isinstance(o, Vec) else NotImplemented

    def __sub__(self, o):
        return Vec(self.x - o.x, self.y - o.y) if isinstance(o, Vec) else NotImplemented

    def __mul__(self, k):
        if isinstance(k, Vec):
            return self.x * k.x + self.y * k.y
        return Vec(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __matmul__(self, o):
        return self.x * o.y - self.y * o.x

    def __abs__(self):
        return math.hypot(self.x, self.y)

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __iter__(self):
        return iter((self.x, self.y))

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"


half, third = Fraction(1, 2), Fraction("1/3")
print(half + third, half - third, half * third, half / third, third ** -2, -half, abs(-third))
print(1 + half, 1 - half, 3 * third, 1 / third, half + 1, sum([Fraction(1, n) for n in range(1, 7)]))
print(sorted([Fraction(3, 4), Fraction(-1, 2), Fraction(2, 3), 1, Fraction(5, 5)]))
print(half == Fraction(2, 4), half == 0.5, half != third, Fraction(4, 2) == 2, 2 == Fraction(4, 2))
print(half < third, half >= third, 0 < half, half <= 1, max(half, third, Fraction(1, 4)))
print(len({Fraction(1, 2), Fraction(2, 4), Fraction(3, 1), 3}), hash(Fraction(6, 2)) == hash(3))
print(f"{Fraction(22, 7):.5f} {Fraction(22, 7):m} {Fraction(22, 7)} {Fraction(10, 5):m} [{half:>8}]")
print(float(third), int(Fraction(-7, 2)), bool(Fraction(0, 3)), repr(Fraction(6, -4)))
for bad in [lambda: Fraction(1, 0), lambda: half + 0.5, lambda: half < "x", lambda: Fraction(0) ** -1]:
    try:
        print(bad())
    except (ZeroDivisionError, TypeError) as e:
        print(type(e).__name__ + ":", e)

a, b = Vec(3, 4), Vec(1, -2)
print(a + b, a - b, a * 2, 3 * b, a * b, a @ b, abs(a), -b, a == Vec(3, 4), a != b)
x, y = a
print(x, y, list(b), a[0], {a: "a", Vec(3, 4): "again"}, sum([a, b, Vec(0, 1)], Vec(0, 0)))
print(Vec(half, third) + Vec(third, half), Vec(1, 1) * half)
try:
    a + 1
except TypeError as e:
    print("TypeError:", e)
