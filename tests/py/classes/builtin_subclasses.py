class AttrDict(dict):
    def __getattr__(self, k):
        try:
            return self[k]
        except KeyError:
            raise AttributeError(k) from None
    def __setattr__(self, k, v):
        self[k] = v

d = AttrDict(a=1)
d.b = 2
print(d, d.a, d.b, len(d), list(d), "a" in d, isinstance(d, dict), d.get("a"), sorted(d.items()))

class LowerDict(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.lower(), v)
    def __getitem__(self, k):
        return super().__getitem__(k.lower())

ld = LowerDict()
ld["ABC"] = 5
print(ld["abc"], ld["AbC"], ld, dict(ld))

class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]

s = Stack([1, 2])
s.push(3)
print(s, s.peek(), len(s), s.pop(), s, s + [9], sum(s), bool(Stack()), s == [1, 2])
for x in s:
    print(x)

class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    @property
    def first(self):
        return self[0]

p = Pair(1, 2)
print(p, p.first, p[1], len(p), p == (1, 2), hash(p) == hash((1, 2)), isinstance(p, tuple))
a, b = p
print(a, b)
