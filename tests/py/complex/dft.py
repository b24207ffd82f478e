"""A discrete Fourier transform and a radix-2 FFT over a small signal."""
import cmath
import math


def dft(xs):
    n = len(xs)
    return [sum(x * cmath.exp(-2j * math.pi * k * t / n) for t, x in enumerate(xs))
            for k in range(n)]


def fft(xs):
    n = len(xs)
    if n == 1:
        return [complex(xs[0])]
    even = fft(xs[0::2])
    odd = fft(xs[1::2])
    out = [0j] * n
    for k in range(n // 2):
        tw = cmath.exp(-2j * math.pi * k / n) * odd[k]
        out[k] = even[k] + tw
        out[k + n // 2] = even[k] - tw
    return out


def ifft(spectrum):
    n = len(spectrum)
    conj = fft([c.conjugate() for c in spectrum])
    return [c.conjugate() / n for c in conj]


def clean(c, nd=6):
    re, im = round(c.real, nd), round(c.imag, nd)
    return complex(re + 0.0, im + 0.0)


signal = [math.sin(2 * math.pi * 2 * t / 16) + 0.5 * math.cos(2 * math.pi * 5 * t / 16)
          for t in range(16)]
a = dft(signal)
b = fft(signal)
print("bins with energy:")
for k, (x, y) in enumerate(zip(a, b)):
    if abs(x) > 1e-9:
        print(f"  k={k:2d} dft={clean(x)!s:>22} fft={clean(y)!s:>22} |X|={abs(y):.4f}")
print("max dft/fft difference < 1e-9:", max(abs(x - y) for x, y in zip(a, b)) < 1e-9)
back = ifft(b)
print("round trip ok:", all(abs(r - s) < 1e-12 for r, s in zip(back, signal)))
print("imag parts tiny:", max(abs(r.imag) for r in back) < 1e-12)

# Parseval: energy in time equals energy in frequency / n.
et = sum(x * x for x in signal)
ef = sum(abs(c) ** 2 for c in b) / len(b)
print(f"energy {et:.6f} {ef:.6f}")

# Convolution through the FFT.
p = [1, 2, 3, 0, 0, 0, 0, 0]
q = [4, 5, 0, 0, 0, 0, 0, 0]
conv = ifft([x * y for x, y in zip(fft(p), fft(q))])
print("convolution:", [round(c.real) for c in conv])
print("spectrum of impulse:", [clean(c) for c in fft([1, 0, 0, 0])])
print("roots of unity:", [clean(cmath.exp(2j * math.pi * k / 4), 12) for k in range(4)])
