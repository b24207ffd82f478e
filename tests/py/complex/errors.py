"""Every complex error, caught and printed with its message."""
import cmath
import math


pair = [1, 2]


class NoComplex:
    def __complex__(self):
        return 3.5


class Num:
    def __float__(self):
        return 2.5


class Idx:
    def __index__(self):
        return 7


cases = [
    "1j < 2j", "1j <= 1", "2 > 1j", "1j >= 1.0", "sorted([1j, 2j])", "max(1j, 2j)",
    "1j // 2", "1j % 2", "2 // 1j", "2.0 % 1j", "divmod(1j, 2)", "divmod(3, 1j)",
    "1j & 1", "~1j", "1j << 1",
    "int(1j)", "float(1j)", "math.sqrt(1j)", "math.floor(1j)", "round(1j)",
    "complex('1+2')", "complex('abc')", "complex('')", "complex('1+2j)')", "complex('(1+2j')",
    "complex('1+2jj')", "complex('1__0j')", "complex('1 + 2j')", "complex('1e')",
    "complex('1', 2)", "complex(1, '2')", "complex([])", "complex(1, [])", "complex(None)",
    "complex(NoComplex())", "complex(Num())", "complex(Idx(), Num())", "complex(1, 2, 3)",
    "complex(real=1, imag=2, other=3)",
    "1j / 0", "1 / 0j", "(1+1j) / complex(0, 0)", "0j ** -1", "0j ** 1j", "0j ** (-1+0j)",
    "pow(1j, 2, 3)", "pow(2, 1j, 3)", "abs(complex(1e308, 1e308))", "complex(1e200, 1e200) ** 2",
    "(1e300+1e300j) ** 5.5", "complex(2, 0) ** 10000",
    "cmath.log(0)", "cmath.log(0j)", "cmath.atanh(1)", "cmath.exp(1000)", "cmath.sqrt('4')",
    "cmath.rect(1, math.inf)", "cmath.sqrt()", "cmath.isclose(1j, 2j, rel_tol=-1)",
    "'%d' % 1j", "format(1j, 'd')", "format(1j, '05')", "format(1j, '=10')", "format(1j, '%')",
    "pair[1j]", "'abc' * 1j", "range(1j)", "hash([1j])", "{1j: 1}[2j]",
    "(1j).real = 2", "(1j).foo", "complex.conjugate(1)", "(1+2j).__floordiv__",
    "1j ** 1j ** 1j ** 1000",
]
for src in cases:
    try:
        if "=" in src and "==" not in src and not src.startswith(("complex(", "cmath")):
            exec(src)
            print(f"{src:40} -> ok")
        else:
            print(f"{src:40} -> {eval(src)!r}")
    except Exception as e:
        print(f"{src:40} !! {type(e).__name__}: {e}")

print(bool(0j), bool(-0.0j), bool(complex(0, 1e-300)), 1j == 1j, 1j != 1, 0j == 0, 0j == False)
print(2 ** 0.5j == 2 ** complex(0, 0.5), (1j).__lt__(2j), (1j).__eq__(1j), (1j).__eq__("x"))
print((1.0).__add__(1j), (1).__mul__(1j), (1j).__radd__(2), (1j).__rsub__(2), (1j).__rtruediv__(1))
