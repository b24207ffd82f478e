# Calls that leave trailing parameters to their defaults take the interpreter's simple
# call path (the defaults are pushed after the arguments): the same values, the same
# shared mutable default, generators, methods, keyword-only parameters, recursion.
def f(a, b=2, c=[]):
    c.append(a)
    return a, b, len(c)
print(f(1), f(1, 3), f(5), f(1, 2, []))
class K:
    def m(self, x, y=10, *, z=None):
        return x + y
    def n(self, x, y=10):
        return x * y
    def g(self, k=3):
        yield from range(k)
k = K()
print(k.m(1), k.n(2), k.n(2, 3), list(k.g()), list(k.g(2)), K.n(k, 4))
def deep(n, acc=0):
    return acc if n == 0 else deep(n - 1, acc + n)
print(deep(500))
try:
    f()
except TypeError as e:
    print(e)
def cl(x, y=1):
    def inner():
        return x + y
    return inner()
print(cl(5))
