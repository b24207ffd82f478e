def f(a, b, c):
    return a + b + c
args = [1, 2, 3]
print(f(*args), f(1, *[2, 3]), f(*"abc"))
kw = {"b": 20, "c": 30}
print(f(10, **kw), f(**{"a": 1, "b": 2, "c": 3}))
print([*range(3), *"ab", 9], (*[1, 2], 3), {*[1, 2], 3} == {1, 2, 3})
first, second, *others = "python"
print(first, second, others)
(a, b), (c, *d) = [(1, 2), (3, 4, 5)]
print(a, b, c, d)
for i, (x, y) in enumerate([(1, 2), (3, 4)]):
    print(i, x, y)
print(*[1, 2, 3], sep=", ")
merged = {**{"a": 1}, **{"b": 2}}
print(merged)
try:
    x, y = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    x, y, z = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    x, *y, z = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    x, y = 5
except TypeError as e:
    print("TypeError:", e)
