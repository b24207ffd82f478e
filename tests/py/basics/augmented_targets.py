d = {"n": 1, "l": [1]}
d["n"] += 10
d["l"] += [2]
d["l"][0] *= 5
print(d)
m = [[1, 2], [3, 4]]
m[1][0] -= 3
m[0] += [9]
print(m)
s = "a"
s += "b" * 3
print(s)
x = 7
x //= 2
x <<= 3
x |= 1
x ^= 0b10
x &= 0xff
x >>= 1
print(x)
f = 2.0
f **= 3
f /= 4
f -= 0.5
print(f)
t = (1,)
t *= 3
print(t)
