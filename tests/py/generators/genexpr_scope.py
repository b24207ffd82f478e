# Generator expressions: their own scope, the first iterable evaluated at once (in
# the enclosing scope), everything else lazily.

calls = []


def source(name, n):
    calls.append(name)
    return range(n)


g = (x * y for x in source("outer", 3) for y in source("inner", 2))
print("created:", calls)
print("first:", next(g), calls)
print("rest:", list(g), calls)

try:
    g = (x for x in 42)
except TypeError as e:
    print("eager error:", e)

g = (1 / x for x in [1, 0])
print("lazy error later:", next(g))
try:
    next(g)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)

x = "module x"
squares = list(x * x for x in range(4))
print(squares, "| x is still", repr(x))


def make_filters(limit):
    # The condition reads `limit` through a closure, when each item is produced.
    g = (n for n in range(10) if n < limit)
    limit = 3
    return list(g)


print(make_filters(8))


def outer():
    data = [3, 1, 2]
    return (v + len(data) for v in data)


print(list(outer()))
print(outer().__name__, outer().__qualname__, repr(outer()).split(" at ")[0])
print(sum(i * i for i in range(10)), max(len(w) for w in "a bb ccc".split()))
print(sorted((c for c in "generator"), reverse=True))
print(dict((str(i), i) for i in range(3)), set(i % 2 for i in range(5)))
print(" ".join(w.upper() for w in ["gen", "exp"] if w))

nested = ((i, j) for i in range(3) for j in (k for k in range(i)))
print(list(nested))

g = (i for i in range(3))
print(list(g), list(g), "(exhausted)")

fns = [(lambda: i) for i in range(3)]
print([f() for f in fns])
gens = [(i for _ in range(1)) for i in range(3)]
print([next(g) for g in gens])
