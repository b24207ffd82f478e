squares = [x * x for x in range(8)]
print(squares)
evens = [x for x in squares if x % 2 == 0]
print(evens)
pairs = [(a, b) for a in range(3) for b in range(a)]
print(pairs)
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
print(matrix)
flat = [v for row in matrix for v in row if v % 2]
print(flat)
transposed = [[row[i] for row in matrix] for i in range(3)]
print(transposed)
d = {k: k ** 2 for k in range(5)}
print(d)
inv = {v: k for k, v in d.items() if v > 1}
print(inv)
s = {c.upper() for c in "hello"}
print(sorted(s))
x = 10
print([x + i for i in range(3)], x)
words = ["apple", "bob", "kayak", "level", "python"]
print([w for w in words if w == w[::-1]])
print([[i] * i for i in range(4)])
