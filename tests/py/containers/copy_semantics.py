a = [[1, 2], [3, 4]]
b = a
c = a[:]
d = [row[:] for row in a]
a[0].append(99)
a.append([5])
print(a, b, c, d, sep="\n")
print(a is b, a is c, a[0] is c[0], a[0] is d[0])
t = ([1],)
try:
    t[0] += [2]
except TypeError as e:
    print("TypeError:", e)
print(t)
x = y = []
x.append(1)
print(x, y, x is y)
s1 = "hello"
s2 = s1
s1 += " world"
print(s1, s2)
n = 5
m = n
n += 1
print(n, m)
