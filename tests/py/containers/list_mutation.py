a = list(range(10))
a[2:5] = []
print(a)
a[1:1] = ["x", "y"]
print(a)
a[-1:] = [100, 200]
print(a)
del a[1:3]
print(a)
a[::3] = ["A", "B", "C"]
print(a)
try:
    a[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
b = [1, 2, 3]
b[len(b):] = [4, 5]
b.insert(0, 0)
b.insert(-100, -1)
print(b, b.pop(2), b)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    [1].pop(5)
except IndexError as e:
    print("IndexError:", e)
try:
    [1, 2].remove(3)
except ValueError as e:
    print("ValueError:", e)
try:
    [1, 2].index(3)
except ValueError as e:
    print("ValueError:", e)
c = [3, 1, 2]
c.extend(range(2))
c.extend("ab")
c += (9,)
print(c)
