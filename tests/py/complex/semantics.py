"""The complex type's constructor, arithmetic, comparisons, subclasses and protocols."""
import numbers

print(type(1j), type(1 + 2j), complex, complex.__name__, isinstance(1j, complex))
print(complex(), complex(2), complex(2.5), complex(True), complex(2, 3), complex(1j, 1j),
      complex(1 + 2j, 3 + 4j), complex(real=1.5), complex(imag=2), complex(real=1, imag=-1))
print(complex("1+2j"), complex(1 + 2j), complex(-0.0), complex(0, -0.0), complex(2 ** 60, 1))


class Meters:
    def __init__(self, v):
        self.v = v

    def __float__(self):
        return float(self.v)


class Phasor:
    def __init__(self, z):
        self.z = z

    def __complex__(self):
        return self.z


class Ix:
    def __index__(self):
        return 4


print(complex(Meters(3)), complex(Meters(1), Meters(2)), complex(Phasor(1 - 1j)),
      complex(Ix()), complex(Phasor(2j), 1))

z = 3 - 4j
print(z.real, z.imag, z.conjugate(), abs(z), -z, +z, z == z.conjugate().conjugate())
print(z + 1, 1 + z, z - 1.5, 1.5 - z, z * 2, 2 * z, z / 2, 2 / z, z ** 2, 2 ** z)
print(z * z, z / z, z / (1 + 1j), (1 + 1j) ** 8, (1 + 1j) ** -2, 1j ** 2, 1j ** 3, 1j ** 0)
print((2 + 0j) ** 0.5, (-1 + 0j) ** 0.5, 1j ** 1j, (1 + 2j) ** (3 - 1j), 0j ** 0, 0j ** 2)
print(pow(1 + 1j, 3), pow(2, 1j), sum([1j, 2, 3.5, 1 - 1j]), sum([], 0j))
print(complex(1, 2) * True, 2 ** 64 * 1j, 10 ** 20 + 1j, (1e308 + 1e308j) / (1e308 + 1e308j))
print(complex(1, 1e308) * 10, complex(1e-320, 1e-320) / complex(1e-320, 2e-320))

acc = 1j
acc += 1
acc *= 2
acc /= 4
acc -= 0.5j
acc **= 2
print(acc)

print(1j == 1j, 1 + 0j == 1, 1 + 0j == 1.0, 1.5 + 0j == 1.5, 1j == 1, 1j != 2j, 0j == 0,
      2 ** 53 + 1 == complex(2 ** 53 + 1, 0), complex(2 ** 53) == 2 ** 53, 1j == "1j")
print(1j in [1, 1j], 2 in [2 + 0j], [1j, 2] == [1j, 2], (1j,) < (1j, 0), {1j: "x"}[1j])
nanc = complex(float("nan"), 0)
print(nanc == nanc, nanc != nanc, nanc in [nanc])
print(bool(0j), bool(1j), bool(1 + 0j), not 0j, 0j or "empty")

print(isinstance(1j, numbers.Complex), isinstance(1j, numbers.Real), isinstance(1, numbers.Complex),
      issubclass(complex, numbers.Number))


class Impedance(complex):
    def __repr__(self):
        return f"Impedance({super().__repr__()})"

    def ohms(self):
        return abs(self)


i = Impedance(3, 4)
print(i, repr(i), str(i), i.real, i.imag, i.ohms(), isinstance(i, complex), type(i).__name__)
print(i + 1, type(i + 1).__name__, i * i, -i, abs(i), i == 3 + 4j, hash(i) == hash(3 + 4j))
print(complex(i), type(complex(i)).__name__, i.conjugate(), Impedance("1-1j"), Impedance())


class Quantity:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        return Quantity(self.v + other)

    def __radd__(self, other):
        return Quantity(other + self.v)

    def __rmul__(self, other):
        return Quantity(other * self.v)

    def __repr__(self):
        return f"Quantity({self.v!r})"


print(1j + Quantity(2), Quantity(2) + 1j, 2j * Quantity(1 + 1j))
print((1j).__add__(1), (1j).__add__("x"), (1.0).__add__(1j), (2).__sub__(1j), (1j).__rpow__(2))
print((1j).__mul__(2j), (1j).__truediv__(2), (1j).__neg__(), (1j).__pos__(), (-1j).__abs__())
print((3 + 4j).__complex__(), (1 + 2j).__getnewargs__(), complex.conjugate(2j), complex.__abs__(3 + 4j))
print(sorted([3 + 1j, 1 + 2j, 2 + 0j], key=abs), max([1 + 1j, 3j, -2], key=lambda c: c.imag))
print(list(map(complex, [1, 2.5, "3j"])), [z.real for z in (1j, 2 + 3j)], dict.fromkeys([1j]))
m = {}
for c in [1 + 0j, 1, 1.0, 2j, complex(0, 2)]:
    m[c] = m.get(c, 0) + 1
print(m)
match 1 + 2j:
    case 1 + 2j:
        print("matched literal complex")
match -3j:
    case -3j:
        print("matched negative imaginary")
print(eval("1+2j"), eval("complex(3, 4)"), 2.5j.imag, 1_0j, 0o7 + 1e1j, 5J)
