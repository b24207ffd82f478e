"""repr, str and format() of complex numbers: signed zeros, inf, nan, format specs."""
inf, nan = float("inf"), float("nan")
values = [
    1 + 2j, 2j, -2j, 0j, -0j, complex(-0.0, 0.0), complex(-0.0, -0.0), complex(0.0, -0.0),
    -0 - 1j, 1 + 0j, 1 - 0j, complex(nan, inf), complex(inf, nan), complex(-inf, -inf),
    complex(nan, -nan), complex(0, nan), 1e16j, 1e-5 + 1e22j, 123456789.125 - 0.1j,
    complex(1 / 3, 2 / 3), 1.5e300 * 1j, complex(5e-324, -5e-324), 10j, 100 + 1000j,
]
for v in values:
    print(repr(v), str(v), f"{v}", "%s" % (v,), "{!r}".format(v))

specs = ["", "g", ".3", ".2f", "+.2f", " .1e", ">20", "<20", "^20", "*^24.3f", "10.4g", "E",
         ",.2f", "_.1f", "#.0f", "G", ".0f", "n", "-.3g", "#g", "F", ".1e"]
for v in [1 + 2j, -1.5 - 2.25j, 2j, -0.0 + 3j, 1234567.891 + 0.001j, complex(inf, nan),
          complex(-0.0, -0.0)]:
    print(repr(v), " | ".join(f"{s}:{format(v, s)}" for s in specs))

z = 3.14159 - 2.71828j
print(f"{z:.2f}", f"{z:>20}|", f"{z:<20}|", f"{z!r:>20}|", f"{z.real:.1f}/{z.imag:.1f}")
print("{0.real} {0.imag} {0:.1f}".format(z))
print(str(complex("1e3+1E-3J")), complex("  -j "), complex("(3)"), complex("infinity-nanj"),
      complex("-Infinityj"), complex("+1.5e+2-.5j"), complex("1_000+2_0j"), complex("5."))
print([complex(x) for x in ("1", "j", "-J", "1+j", "1-j", "(2-3.5j)", "0x", "1e5J")
       if not x.endswith("x")])
print(hash(1 + 0j) == hash(1), hash(2.5 + 0j) == hash(2.5), hash(0j), hash(1j), hash(-1j),
      hash(1 + 1j), hash(complex(1.5, -2.5)), hash(complex(inf, -inf)), hash(-1 + 0j))
print({1 + 0j: "a", 1: "b", 1.0: "c"}, {0j, 0, 0.0, False}, len({1j, 1j, complex(0, 1)}))
print(complex(1, 2).__repr__(), complex.__repr__(3j), (2 + 3j).__hash__() == hash(2 + 3j))


class Reading(complex):
    def __format__(self, spec):
        return "<" + super().__format__(spec) + ">"


print((1 + 2j).__format__(".1f"), (1 + 2j).__format__(""), f"{Reading(3, -4):.2f}", f"{Reading(1j)}")
print(format(-1.5 + 0.5j, "+.3e"), format(1e-7 + 1e7j, ".2"), format(complex(2, 3), "#.0f"))
