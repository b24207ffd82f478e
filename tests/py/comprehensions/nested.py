# List, dict and set comprehensions: nested loops and conditions, their own scope,
# closures over the loop variable.

matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([[row[i] for row in matrix] for i in range(3)])
print([x for row in matrix for x in row if x % 2])
print([(i, j) for i in range(4) if i % 2 == 0 for j in range(i) if j != 1])
print({x: [y for y in range(x)] for x in range(4)})
print({(x, y) for x in range(3) for y in range(3) if x == y})
print({v: k for k, v in {"a": 1, "b": 2}.items()})
print([c * n for c, n in zip("abc", [1, 2, 3])])
print([[0] * 3 for _ in range(2)])

i = "outer i"
squares = [i * i for i in range(5)]
print(squares, i)


def scope():
    x = 10
    result = [x + y for y in range(3)]
    inner = [[x * a for a in range(2)] for x in range(2)]
    return result, inner, x


print(scope())

adders = [lambda n, k=k: n + k for k in range(3)]
print([f(10) for f in adders])
late = [lambda: k for k in range(3)]
print([f() for f in late])

words = ["apple", "Bob", "cat", "Dog", "egg"]
print(sorted({w.lower()[0] for w in words}))
print({len(w): w for w in words})
print([w if w[0].islower() else w.upper() for w in words])
print([n for n in range(30) if all(n % d for d in range(2, n)) and n > 1])

table = {r: {c: r * c for c in range(1, 4)} for r in range(1, 4)}
print(table[2][3], sum(v for row in table.values() for v in row.values()))

try:
    print([undefined_name for _ in range(1)])
except NameError as e:
    print("NameError:", e)
try:
    print([1 / x for x in [1, 0]])
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
