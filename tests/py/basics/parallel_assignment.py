# Parallel assignment as algorithms write it: Fibonacci and Euclid's gcd, swaps in
# a sort, a rotating triple, attributes and subscripts as targets, nested targets,
# and the order CPython evaluates and stores in (values left to right, then stores
# left to right), made visible by a tracing container.


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def bubble(xs):
    xs = list(xs)
    for i in range(len(xs)):
        for j in range(len(xs) - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
    return xs


class Vec:
    def __init__(self, x, y, z):
        self.x, self.y, self.z = x, y, z

    def rotate(self):
        self.x, self.y, self.z = self.y, self.z, self.x
        return self

    def __repr__(self):
        return "Vec(%r, %r, %r)" % (self.x, self.y, self.z)


class Trace(dict):
    def __setitem__(self, k, v):
        print("  store", k, "=", v)
        super().__setitem__(k, v)


def val(tag, v):
    print("  eval", tag)
    return v


print([fib(n) for n in range(12)], gcd(1071, 462), gcd(17, 5))
print(bubble([5, 2, 9, 1, 5, 6, 0]))
v = Vec(1, 2, 3)
print([repr(v.rotate()) for _ in range(3)])

t = Trace()
print("two:")
t["a"], t["b"] = val("first", 1), val("second", 2)
print("three:")
t["x"], t["y"], t["z"] = val("p", "P"), val("q", "Q"), val("r", "R")
print("one:")
(t["solo"],) = (val("only", 0),)
print(sorted(t.items()))

(p, q), r = (1, 2), 3
[m, n] = n2 = (4, 5)
first, second = second, first = "A", "B"
print(p, q, r, m, n, n2, first, second)
x, y = y, x = 1, 2
print(x, y)

try:
    a, b = 1, 2, 3
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = 1, 2
except ValueError as e:
    print("ValueError:", e)
try:
    t["k"], undefined_name = 1, undefined_name
except NameError as e:
    print("NameError:", e, "k" in t)
