total = 0
for i in range(10):
    if i == 3:
        continue
    if i == 8:
        break
    total += i
print("total", total)

for i in range(3):
    pass
else:
    print("for-else ran, i =", i)

for i in range(5):
    if i == 2:
        break
else:
    print("not printed")

n = 0
while n < 5:
    n += 1
else:
    print("while-else", n)

while True:
    n -= 1
    if n == 2:
        break
print("n", n)

for i, ch in enumerate("abc", start=1):
    print(i, ch)

for a, b in zip([1, 2, 3], "xyz"):
    print(a, b)

pairs = [(1, 'one'), (2, 'two')]
for num, (first, *others) in pairs:
    print(num, first, others)

grid = []
for r in range(3):
    row = []
    for c in range(3):
        if c > r:
            break
        row.append(r * 3 + c)
    grid.append(row)
print(grid)
