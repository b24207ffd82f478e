# A fixed-size ring buffer of samples on array('i').
from array import array


class Ring:
    def __init__(self, size):
        self.data = array('i', [0]) * size
        self.start = 0
        self.count = 0

    def push(self, value):
        size = len(self.data)
        end = (self.start + self.count) % size
        self.data[end] = value
        if self.count < size:
            self.count += 1
        else:
            self.start = (self.start + 1) % size

    def items(self):
        size = len(self.data)
        return array('i', (self.data[(self.start + i) % size] for i in range(self.count)))

    def __repr__(self):
        return "Ring(%s)" % self.items().tolist()


r = Ring(5)
for v in range(1, 4):
    r.push(v * 10)
print(r, r.count)
for v in range(4, 9):
    r.push(v * 10)
print(r, r.count, r.start)
snapshot = r.items()
print(snapshot, sum(snapshot), max(snapshot), min(snapshot))
print(list(map(lambda x: x // 10, snapshot)))
print(snapshot.index(60), snapshot.count(70), 80 in snapshot, 90 in snapshot)

# the list-like methods
a = array('i', [5, 1, 4])
a.append(2)
a.extend([7, 7])
a.extend(array('i', [0]))
a.insert(0, -1)
a.insert(100, 9)
a.insert(-2, 3)
print(a, len(a))
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(7)
a.reverse()
print(a, a.buffer_info()[1])
b = a + array('i', [100])
b += array('i', [200])
b *= 2
print(b, len(b), (a * 0), 2 * array('i', [1, 2]))
print(a[1:4], a[::-1], a[-2:], a[10:])
a[1:3] = array('i', [11, 12, 13])
print(a)
del a[0]
del a[-2:]
print(a, a < array('i', [12]), a > array('i', [11, 99]), a == array('i', a.tolist()))
swapped = array('i', [1, 256])
swapped.byteswap()
print(swapped)
print(array('i', range(5)).tobytes())
print(sorted(array('i', [3, -2, 9]), key=lambda x: -x))
import copy
c = copy.copy(a)
d = copy.deepcopy(a)
c.append(1)
print(a, c, d, d == a)
cls, init, state = a.__reduce_ex__(2)
print(cls, init, state, cls(*init) == a)
