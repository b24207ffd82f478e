from itertools import tee, islice

a, b = tee([1, 2, 3, 4])
print(list(a), list(b))
a, b = tee(iter(range(5)))
print(next(a), next(a), next(b), list(a), list(b))
x, y, z = tee("abc", 3)
print(list(x), list(z), list(y))
print(tee([1], 0), len(tee([1])))

def squares():
    n = 0
    out = []
    while n < 6:
        out.append(n * n)
        n += 1
    return iter(out)

lead, lag = tee(squares())
next(lead)
print(list(zip(lag, lead)))
try:
    tee([1], -1)
except ValueError as e:
    print("ValueError:", e)
