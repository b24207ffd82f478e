from collections import deque

d = deque()
for i in range(5):
    d.append(i)
    d.appendleft(-i)
print(d, len(d), bool(d), bool(deque()))
print(d.pop(), d.popleft(), d[0], d[-1], d[3])
d.extend("ab")
d.extendleft([10, 20])
print(d)
d.rotate(3)
print("rotate 3:", d)
d.rotate(-5)
print("rotate -5:", d)
d.rotate(len(d) * 4 + 1)
print("rotate n*4+1:", d)
print("index", d.index(0), d.index("a"), "count", d.count(0), d.count(99))
d[1] = "changed"
del d[0]
print(d)
d.insert(2, "ins")
d.insert(-1, "neg")
d.insert(100, "end")
print(d)
d.remove("ins")
d.reverse()
print(d, list(reversed(d)))
print(0 in d, "zzz" in d, d.copy() == d, d.copy() is d)
print(deque([1, 2]) + deque([3]), deque([1, 2]) * 2, deque([1]) == [1])
e = deque([1, 2])
e += [3, 4]
e *= 2
print(e, deque([1, 2]) < deque([1, 3]), deque([2]) >= deque([1, 9]))
e.clear()
print(e, len(e))

# Large mixed use stays consistent (ring buffer growth and wrap-around).
big = deque()
for i in range(1000):
    if i % 3 == 0:
        big.appendleft(i)
    else:
        big.append(i)
    if i % 7 == 0:
        big.popleft()
print(len(big), big[0], big[-1], sum(big), big[500])
big.rotate(123)
print(big[0], big[-1], sum(big))

errors = [
    lambda: deque().pop(),
    lambda: deque().popleft(),
    lambda: deque([1])[5],
    lambda: deque([1])["x"],
    lambda: deque([1]).remove(2),
    lambda: deque([1]).index(7),
    lambda: deque([1], maxlen=-1),
    lambda: deque([1], maxlen="3"),
    lambda: deque([1, 2], maxlen=2).insert(0, 5),
    lambda: deque() + [1],
    lambda: hash(deque()),
]
for f in errors:
    try:
        f()
    except Exception as ex:
        print(type(ex).__name__ + ":", ex)

it_d = deque([1, 2, 3])
try:
    for x in it_d:
        it_d.append(x)
except RuntimeError as ex:
    print("RuntimeError:", ex)
print(it_d)
