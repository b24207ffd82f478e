# Polynomials with integer coefficients: arithmetic dunders, evaluation via
# __call__, derivative, long division with divmod, and a readable __str__.

class Poly:
    def __init__(self, coeffs):
        c = list(coeffs)
        while len(c) > 1 and c[-1] == 0:
            c.pop()
        self.c = c or [0]

    @classmethod
    def x(cls):
        return cls([0, 1])

    @property
    def degree(self):
        return -1 if self.c == [0] else len(self.c) - 1

    def __call__(self, x):
        acc = 0
        for a in reversed(self.c):
            acc = acc * x + a
        return acc

    def __add__(self, o):
        o = o if isinstance(o, Poly) else Poly([o])
        n = max(len(self.c), len(o.c))
        return Poly([(self.c[i] if i < len(self.c) else 0) + (o.c[i] if i < len(o.c) else 0)
                     for i in range(n)])

    __radd__ = __add__

    def __neg__(self):
        return Poly([-a for a in self.c])

    def __sub__(self, o):
        return self + (-o if isinstance(o, Poly) else Poly([-o]))

    def __rsub__(self, o):
        return -self + o

    def __mul__(self, o):
        o = o if isinstance(o, Poly) else Poly([o])
        out = [0] * (len(self.c) + len(o.c) - 1)
        for i, a in enumerate(self.c):
            for j, b in enumerate(o.c):
                out[i + j] += a * b
        return Poly(out)

    __rmul__ = __mul__

    def __pow__(self, n):
        out = Poly([1])
        for _ in range(n):
            out = out * self
        return out

    def __divmod__(self, d):
        if d.degree < 0:
            raise ZeroDivisionError("polynomial division by zero")
        rem = list(self.c)
        q = [0] * max(1, len(rem) - len(d.c) + 1)
        lead = d.c[-1]
        for i in range(len(rem) - len(d.c), -1, -1):
            coef, r = divmod(rem[i + len(d.c) - 1], lead)
            if r:
                raise ValueError("inexact division over the integers")
            q[i] = coef
            for j, b in enumerate(d.c):
                rem[i + j] -= coef * b
        return Poly(q), Poly(rem[:len(d.c) - 1] or [0])

    def __floordiv__(self, d):
        return divmod(self, d)[0]

    def __mod__(self, d):
        return divmod(self, d)[1]

    def derivative(self):
        return Poly([i * a for i, a in enumerate(self.c)][1:] or [0])

    def __eq__(self, o):
        if isinstance(o, int):
            o = Poly([o])
        return isinstance(o, Poly) and self.c == o.c

    def __hash__(self):
        return hash(tuple(self.c))

    def __len__(self):
        return len(self.c)

    def __getitem__(self, i):
        return self.c[i] if i < len(self.c) else 0

    def __repr__(self):
        return f"Poly({self.c})"

    def __str__(self):
        terms = []
        for i in range(len(self.c) - 1, -1, -1):
            a = self.c[i]
            if a == 0 and len(self.c) > 1:
                continue
            sign = "-" if a < 0 else "+"
            mag = abs(a)
            body = ("" if mag == 1 and i else str(mag)) + ("x" if i else "") + (f"^{i}" if i > 1 else "")
            terms.append((sign, body))
        first_sign, first = terms[0]
        out = ("-" if first_sign == "-" else "") + first
        for sign, body in terms[1:]:
            out += f" {sign} {body}"
        return out


x = Poly.x()
p = 3 * x ** 2 - 2 * x + 1
q = x - 1
print(p, "|", q, "|", p + q, "|", p - q, "|", p * q, "|", q ** 4)
print(repr(p), p.degree, Poly([0]).degree, len(p), p[0], p[5])
print([p(v) for v in range(-2, 3)], p.derivative(), (q ** 4).derivative(), Poly([7]).derivative())
quot, rem = divmod(x ** 3 - 1, q)
print(quot, "rem", rem, (x ** 3 - 1) // (x + 1), (x ** 3 - 1) % (x + 1))
print(quot * q + rem == x ** 3 - 1, Poly([5]) == 5, p == p, p != q, {p: 1, Poly([1, -2, 3]): 2})
print(sum([x ** k for k in range(5)]), 1 - x, -(x ** 2), Poly([0, 0, -1, 0]))
for bad in [lambda: divmod(p, Poly([0])), lambda: divmod(x ** 2, 2 * x + 1), lambda: hash([p])]:
    try:
        bad()
    except (ZeroDivisionError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
