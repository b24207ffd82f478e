# A small signal-processing toolkit: phasor arithmetic with cmath, a tolerance
# checker whose comparison function is a class attribute (built-in functions stored
# in a class stay plain functions), and inverse functions at huge magnitudes
# (CPython's overflow-avoiding branches).
import binascii
import bisect
import cmath
import heapq
import marshal
import math
import zlib


class Phasor:
    close = cmath.isclose        # not bound: Phasor().close(a, b) gets two args
    polar = cmath.polar
    rect = cmath.rect

    def __init__(self, z):
        self.z = complex(z)

    def matches(self, other, tol=1e-9):
        return self.close(self.z, other.z, rel_tol=tol)

    def magnitude_phase(self):
        r, phi = self.polar(self.z)
        return round(r, 6), round(phi, 6)


class Codec:
    crc = zlib.crc32
    pack = zlib.compress
    hexify = binascii.hexlify
    insert = bisect.insort
    push = heapq.heappush
    dumps = marshal.dumps


def dft(samples):
    n = len(samples)
    return [sum(x * cmath.exp(-2j * cmath.pi * k * t / n) for t, x in enumerate(samples))
            for k in range(n)]


signal = [math.sin(2 * math.pi * t / 8) + 0.5 for t in range(8)]
spectrum = [Phasor(c) for c in dft(signal)]
for k, p in enumerate(spectrum):
    print(k, p.magnitude_phase())
print(spectrum[1].matches(Phasor(spectrum[1].z * (1 + 1e-12))))
print(spectrum[1].matches(Phasor(spectrum[1].z * 1.01), tol=0.1))
print(Phasor(1).matches(Phasor(1.001)))
print(Phasor.rect(2.0, 0.0), Phasor(0).rect(1.0, math.pi / 2).real < 1e-15)

c = Codec()
print(c.crc(b"abc"), len(c.pack(b"a" * 100)), c.hexify(b"\x01\xff"))
xs = []
for v in (5, 1, 3):
    c.insert(xs, v)
h = []
for v in (5, 1, 3):
    c.push(h, v)
print(xs, h, marshal.loads(c.dumps((1, "x"))))

# Huge arguments: CPython avoids overflow (acos/acosh/asinh/asin/atanh).
big = [complex(1.620686051868302e+308, 1.0308426226285283e+308),
       complex(-1e308, 5e307), complex(3e307, -1.5e308), complex(-1e300, -1e300),
       complex(1e200, 1e-200)]
for z in big:
    for f in (cmath.acos, cmath.acosh, cmath.asin, cmath.asinh, cmath.atanh, cmath.atan):
        r = f(z)
        print(f.__name__, repr(round(r.real, 9)), repr(round(r.imag, 9)))
