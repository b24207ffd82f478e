# A sensor log digester: raw readings arrive as bytes from a serial line, are
# converted with unit wrappers, smoothed, and printed as a fixed-width report.
import math


class Celsius:
    """A temperature the math module accepts through __float__."""

    def __init__(self, degrees):
        self.degrees = degrees

    def __float__(self):
        return float(self.degrees)


class Ticks:
    """A counter that is an integer index, not a float."""

    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


class Broken:
    def __float__(self):
        return "not a number"


RAW = [b"21.5", bytearray(b"22.25"), b"  23.0\n", b"-4e1", b"inf", b"12,5", b"\xff9"]


def parse(line):
    try:
        return float(line)
    except ValueError as e:
        print("  skipped:", e)
        return None


print("== parsing")
readings = [r for r in map(parse, RAW) if r is not None]
print(" ", readings)

print("== decay weights")
# weight = base ** exponent; IEEE pow gives an infinite weight for a zero base
# and an infinitely negative exponent (only a finite one divides by zero).
for base, exponent in [(2.0, -3.0), (0.5, float("-inf")), (0.0, float("-inf")), (-0.0, float("-inf"))]:
    print("  %r ** %r = %r (pow: %r)" % (base, exponent, base ** exponent, pow(base, exponent)))
try:
    0.0 ** -2.0
except ZeroDivisionError as e:
    print("  ZeroDivisionError:", e)

print("== math on wrapped values")
for v in [Celsius(0), Celsius(90), Ticks(2)]:
    print("  %s: sin=%.4f exp=%.4g sqrt=%.4f" % (type(v).__name__, math.sin(v), math.exp(v), math.sqrt(v)))
try:
    math.cos(Broken())
except TypeError as e:
    print("  TypeError:", e)
try:
    math.log("10")
except TypeError as e:
    print("  TypeError:", e)

print("== report")
print("  %-6s|%5s|%8s|%4s" % ("id", "seq", "value", "flag"))
for i, r in enumerate(readings):
    flag = "*" if r > 22 else " "
    print("  %-6.3d|%5.3d|%8.2f|%4c" % (i, i * 7, r, flag))
print("  %+.4d %#.4x %#.3o %.0d %05.3d" % (42, 255, 8, 0, 7))
print("  [%3c][%-3c][%c]" % (65, "b", 0x263A))
try:
    print("%c" % "ab")
except TypeError as e:
    print("  TypeError:", e)
