"""Polar and rectangular conversions with cmath, and its other functions."""
import cmath
import math

points = [1 + 1j, -1 + 1j, -1 - 1j, 1 - 1j, 3 + 4j, -2, 2j, -0.5j, complex(0, 0), 1e-3 + 5j]
for z in points:
    r, phi = cmath.polar(z)
    back = cmath.rect(r, phi)
    print(f"{z!r:>12} r={r:.6f} phi={phi:+.6f} ({math.degrees(phi):+8.3f} deg) back={back.real:+.6f}{back.imag:+.6f}j",
          cmath.isclose(back, z, abs_tol=1e-12))

print(cmath.phase(-1), cmath.phase(complex(-1, -0.0)), cmath.phase(1j), cmath.phase(-1j))
print(cmath.pi == math.pi, cmath.e == math.e, cmath.tau, cmath.inf, cmath.nan, cmath.infj, cmath.nanj)
print(cmath.rect(1, math.pi / 2), cmath.rect(2, 0), cmath.rect(0, 1))

for f in [cmath.sqrt, cmath.exp, cmath.log, cmath.log10, cmath.sin, cmath.cos, cmath.tan,
          cmath.asin, cmath.acos, cmath.atan, cmath.sinh, cmath.cosh, cmath.tanh,
          cmath.asinh, cmath.acosh, cmath.atanh]:
    vals = [f(z) for z in (0.5 + 0.5j, -2 + 1j, 3, -0.25j)]
    print(f.__name__.ljust(6), " ".join(f"{v.real:+.10f}{v.imag:+.10f}j" for v in vals))

print(cmath.sqrt(-1), cmath.sqrt(-4.0), cmath.sqrt(complex(-4, -0.0)), cmath.sqrt(0j))
print(cmath.exp(1j * math.pi), cmath.log(-1), cmath.log(100, 10), cmath.log(1j, 2))
print(cmath.isfinite(1 + 2j), cmath.isinf(complex(1, math.inf)), cmath.isnan(complex(math.nan, 0)))
print(cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isclose(1j, 1.1j, rel_tol=0.2))


class Volts:
    def __init__(self, v):
        self.v = v

    def __complex__(self):
        return complex(self.v, 1)


print(cmath.sqrt(Volts(3)), cmath.phase(Volts(-1)), complex(Volts(2)))
# Euler's identity, de Moivre.
z = cmath.rect(1, 0.3)
print(abs(z ** 5 - cmath.rect(1, 1.5)) < 1e-12, abs(cmath.exp(1j * math.pi) + 1) < 1e-15)
