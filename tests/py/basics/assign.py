a = b = c = 5
print(a, b, c)
x, y = 1, 2
x, y = y, x
print(x, y)
(p, q), r = (1, 2), 3
print(p, q, r)
[m, n] = "ab"
print(m, n)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "hello"
print(init, last)
head, *mid, tail = range(2)
print(head, mid, tail)
v = 10
v += 5
v -= 3
v *= 2
v //= 5
v **= 3
v %= 7
print(v)
s = "ab"
s *= 3
print(s)
lst = [1]
alias = lst
lst += [2, 3]
print(alias, alias is lst)
t = (1,)
t2 = t
t += (2,)
print(t, t2, t is t2)
