class Matrix:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]

    def __getitem__(self, key):
        i, j = key
        return self.rows[i][j]

    def __setitem__(self, key, value):
        i, j = key
        self.rows[i][j] = value

    def __delitem__(self, key):
        i, j = key
        self.rows[i][j] = None

    def __len__(self):
        return len(self.rows)

    def __iter__(self):
        return iter([v for row in self.rows for v in row])

    def __contains__(self, v):
        return any([v in r for r in self.rows])

    def __repr__(self):
        return "\n".join([" ".join([str(v) for v in r]) for r in self.rows])


m = Matrix([[1, 2], [3, 4]])
print(m[0, 1], m[1, 0], len(m))
m[0, 0] = 9
del m[1, 1]
print(m)
print(9 in m, 7 in m, list(m))


class Deck:
    def __init__(self):
        self.cards = [r + s for s in "SH" for r in "A23"]

    def __len__(self):
        return len(self.cards)

    def __getitem__(self, i):
        return self.cards[i]


d = Deck()
print(len(d), d[0], d[-1], d[1:3], bool(d))
try:
    d["x"]
except TypeError as e:
    print("TypeError:", e)


class Registry:
    def __init__(self):
        self._items = {}

    def __setitem__(self, k, v):
        self._items[k] = v

    def __getitem__(self, k):
        try:
            return self._items[k]
        except KeyError:
            raise KeyError(f"no item {k!r}") from None

    def __contains__(self, k):
        return k in self._items

    def __iter__(self):
        return iter(sorted(self._items))

    def __len__(self):
        return len(self._items)


r = Registry()
r["b"] = 2
r["a"] = 1
print(list(r), len(r), "a" in r, "z" in r, r["b"])
for k in r:
    print(k, r[k])
try:
    r["zz"]
except KeyError as e:
    print("KeyError:", e)
print({k: r[k] for k in r})
x = object()
try:
    x[0]
except TypeError as e:
    print("TypeError:", e)
try:
    len(x)
except TypeError as e:
    print("TypeError:", e)
try:
    iter(x)
except TypeError as e:
    print("TypeError:", e)
