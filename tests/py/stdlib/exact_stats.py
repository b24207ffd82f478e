# An exact-arithmetic statistics report: readings come as floats, Fractions and
# Decimals; math's functions take any of them (through __float__, __floor__, ...),
# the float -> ratio conversion is exact even for huge magnitudes, and statistics
# keeps the results exact where CPython does.
import math
import statistics
from decimal import Decimal
from fractions import Fraction

readings = [Fraction(7, 2), Decimal("2.25"), 1.5, 4, Fraction(-1, 3)]

print("floor/ceil/trunc")
for r in readings:
    print("  %-16r %3d %3d %3d" % (r, math.floor(r), math.ceil(r), math.trunc(r)))

print("transcendental")
for r in readings[:4]:
    print("  %-16r sqrt=%.6f log10=%.6f exp=%.4f" % (r, math.sqrt(r), math.log10(r), math.exp(r)))
print("  log(Decimal(1000), 10) =", round(math.log(Decimal(1000), 10), 12))
print("  hypot =", math.hypot(Fraction(3), Decimal(4)), "atan2 =", round(math.atan2(Fraction(1), 1), 6))
print("  isclose =", math.isclose(Fraction(1, 3), 0.333333333, rel_tol=Fraction(1, 10**6)))
print("  fsum =", math.fsum([Fraction(1, 2), Decimal("0.25"), 0.125]))
print("  prod =", math.prod([Fraction(1, 2), 3, 0.5]), math.prod([Decimal("1.5"), 2, 3]))
print("  isfinite =", [math.isfinite(x) for x in (Fraction(1, 3), Decimal("1e999"))])


class Meters:
    """A unit type that knows its own rounding."""

    def __init__(self, v):
        self.v = v

    def __float__(self):
        return float(self.v)

    def __floor__(self):
        return "floor of %s m" % self.v


print("custom", math.floor(Meters(2.5)), math.sqrt(Meters(6.25)), math.ceil(Meters(2.5)))
try:
    math.trunc(Meters(1))
except TypeError as e:
    print("trunc:", e)

print("exact ratios")
for f in (1e100, -2.5e-310, 0.1, -0.0, 2.0 ** 70, 123.0):
    n, d = f.as_integer_ratio()
    print("  %r -> %d bits / %d bits, exact=%s" % (f, n.bit_length(), d.bit_length(), n / d == f))
print("  %d" % 1e30, "%i" % -2.5e20)
for bad in (float("inf"), float("nan")):
    try:
        "%d" % bad
    except (OverflowError, ValueError) as e:
        print("  %d of %r: %s: %s" % (0, bad, type(e).__name__, e))

print("statistics")
print("  mean of cancelling =", statistics.mean([1e100, 1, 3, -1e100]))
print("  mean fractions =", statistics.mean([Fraction(1, 3), Fraction(2, 3), Fraction(5, 6)]))
print("  mean decimals =", statistics.mean([Decimal("0.1"), Decimal("0.2"), Decimal("0.4")]))
print("  geometric =", round(statistics.geometric_mean([Decimal(2), Decimal(8)]), 9))
print("  median_grouped =", statistics.median_grouped([Fraction(1), Fraction(2), Fraction(2), Fraction(3)]))
print("  variance =", statistics.variance([Fraction(1), Fraction(2), Fraction(4)]))
print("  _sum torture =", float(statistics._sum([1e100, 1, 1e-100, -1e100] * 1000)[1]))
