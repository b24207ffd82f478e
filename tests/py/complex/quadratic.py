"""Quadratic equation roots, real or complex."""
import cmath


def roots(a, b, c):
    if a == 0:
        raise ValueError("not a quadratic")
    disc = b * b - 4 * a * c
    sq = cmath.sqrt(disc)
    return (-b + sq) / (2 * a), (-b - sq) / (2 * a)


def show(c):
    if isinstance(c, complex) and c.imag == 0:
        c = c.real
    if isinstance(c, complex):
        return f"{c.real:+.4f} {'+-'[c.imag < 0]} {abs(c.imag):.4f}i"
    return f"{c:+.4f}"


for a, b, c in [(1, -3, 2), (1, 2, 5), (2, 0, 8), (1, 2, 1), (1, 0, -2), (3, 1, 1), (1j, 2, 1)]:
    r1, r2 = roots(a, b, c)
    check = [abs(a * r * r + b * r + c) < 1e-9 for r in (r1, r2)]
    print(f"{a}x^2 + {b}x + {c}: {show(r1)}, {show(r2)}  checks={check}  sum={r1 + r2:.3f} product={r1 * r2:.3f}")

# Vieta: the product of the roots of x^2 + 1 is 1.
r1, r2 = roots(1, 0, 1)
print(r1, r2, r1 * r2, r1 + r2, r1 == r2.conjugate())
# Roots of unity via polynomial x^3 - 1 = (x - 1)(x^2 + x + 1).
w1, w2 = roots(1, 1, 1)
for w in (1, w1, w2):
    print(repr(w), f"{w ** 3:.12f}", round(abs(w), 12))
try:
    roots(0, 1, 1)
except ValueError as e:
    print("error:", e)
# Float power of a negative base gives a complex number.
print((-8) ** (1 / 3), (-1) ** 0.5, (-2.0) ** 1.5, 4 ** 0.5, (-4) ** 2)
