# A matrix class with operator overloading.

class Matrix:
    def __init__(self, rows):
        if not rows or not all([isinstance(r, (list, tuple)) for r in rows]):
            raise TypeError("Matrix needs a non-empty list of rows")
        width = len(rows[0])
        for r in rows:
            if len(r) != width:
                raise ValueError(f"ragged rows: {len(r)} != {width}")
        self.rows = [list(r) for r in rows]

    @classmethod
    def identity(cls, n):
        return cls([[1 if i == j else 0 for j in range(n)] for i in range(n)])

    @classmethod
    def zeros(cls, n, m):
        return cls([[0] * m for _ in range(n)])

    @property
    def shape(self):
        return len(self.rows), len(self.rows[0])

    def __repr__(self):
        return f"Matrix({self.rows!r})"

    def __str__(self):
        cells = [[str(x) for x in r] for r in self.rows]
        w = max([len(c) for r in cells for c in r])
        return "\n".join(["[" + " ".join([c.rjust(w) for c in r]) + "]" for r in cells])

    def __eq__(self, other):
        if not isinstance(other, Matrix):
            return NotImplemented
        return self.rows == other.rows

    __hash__ = None

    def __getitem__(self, idx):
        i, j = idx
        return self.rows[i][j]

    def __setitem__(self, idx, value):
        i, j = idx
        self.rows[i][j] = value

    def _check(self, other, op):
        if self.shape != other.shape:
            raise ValueError(f"shape mismatch for {op}: {self.shape} vs {other.shape}")

    def __add__(self, other):
        if isinstance(other, (int, float)):
            return Matrix([[x + other for x in r] for r in self.rows])
        if not isinstance(other, Matrix):
            return NotImplemented
        self._check(other, "+")
        return Matrix([[a + b for a, b in zip(r, s)] for r, s in zip(self.rows, other.rows)])

    __radd__ = __add__

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-other)

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return Matrix([[x * k for x in r] for r in self.rows])
        return NotImplemented

    def __rmul__(self, k):
        return self.__mul__(k)

    def __matmul__(self, other):
        n, m = self.shape
        m2, p = other.shape
        if m != m2:
            raise ValueError(f"cannot multiply {n}x{m} by {m2}x{p}")
        cols = other.transpose().rows
        return Matrix([[sum([a * b for a, b in zip(r, c)]) for c in cols] for r in self.rows])

    def __pow__(self, n):
        if n < 0:
            raise ValueError("negative power")
        result = Matrix.identity(self.shape[0])
        base = self
        while n:
            if n & 1:
                result = result @ base
            base = base @ base
            n >>= 1
        return result

    def transpose(self):
        return Matrix([list(c) for c in zip(*self.rows)])

    def __iter__(self):
        return iter([tuple(r) for r in self.rows])

    def __len__(self):
        return len(self.rows)

    def __bool__(self):
        return any([any(r) for r in self.rows])

    def determinant(self):
        n, m = self.shape
        if n != m:
            raise ValueError("determinant of a non-square matrix")
        if n == 1:
            return self.rows[0][0]
        total = 0
        for j in range(n):
            minor = Matrix([r[:j] + r[j + 1:] for r in self.rows[1:]]) if n > 1 else None
            sign = -1 if j % 2 else 1
            total += sign * self.rows[0][j] * (minor.determinant() if n > 2 else minor.rows[0][0])
        return total


a = Matrix([[1, 2], [3, 4]])
b = Matrix([[0, 1], [1, 0]])
print(a + b)
print(repr(a - b))
print(a @ b)
print(2 * a == a + a, a * 2.5)
print(a + 10)
print(10 + a)
fib = Matrix([[1, 1], [1, 0]]) ** 30
print(fib[0, 1], fib.shape)
print(Matrix([[1, 2, 3], [4, 5, 6]]).transpose())
print(Matrix([[2, 0, 1], [1, 3, 2], [1, 1, 1]]).determinant())
print(Matrix.identity(4).determinant(), bool(Matrix.zeros(2, 2)), bool(a), len(a))
print(list(a), a == [[1, 2], [3, 4]], a != b)
a[1, 1] = 40
print(a.rows)
for bad in [lambda: Matrix([[1, 2], [3]]), lambda: a + Matrix.zeros(3, 3),
            lambda: a @ Matrix.zeros(3, 1), lambda: a * "x", lambda: Matrix([]),
            lambda: hash(a), lambda: Matrix.zeros(2, 3).determinant(), lambda: a ** -1]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
big = Matrix([[i * 3 + j for j in range(3)] for i in range(3)])
print(big @ big.transpose())
print(str(Matrix([[1.5, -2], [100, 0]])))
