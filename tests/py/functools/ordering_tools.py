from functools import total_ordering, cmp_to_key

@total_ordering
class Version:
    def __init__(self, text):
        self.parts = tuple([int(p) for p in text.split(".")])
        self.text = text
    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts
    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts
    def __repr__(self):
        return f"Version({self.text!r})"

vs = [Version(t) for t in ["1.10", "1.2", "1.2.1", "0.9", "1.2"]]
print(sorted(vs))
print(max(vs), min(vs))
a, b = Version("1.2"), Version("1.10")
print(a < b, a <= b, a > b, a >= b, a == Version("1.2"), a != b)
print(Version.__gt__.__name__, Version.__ge__.__doc__)
try:
    a < 3
except TypeError as e:
    print("TypeError:", e)

@total_ordering
class Desc:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __gt__(self, o):
        return self.v > o.v
print(Desc(1) < Desc(2), Desc(3) <= Desc(2), Desc(2) >= Desc(2))

try:
    @total_ordering
    class Nothing:
        pass
except ValueError as e:
    print("ValueError:", e)

def by_length_then_reverse_alpha(x, y):
    if len(x) != len(y):
        return len(x) - len(y)
    return (x < y) - (x > y)

words = ["pear", "fig", "apple", "kiwi", "date", "banana", "plum"]
print(sorted(words, key=cmp_to_key(by_length_then_reverse_alpha)))
K = cmp_to_key(lambda a, b: a - b)
print(K(1) < K(2), K(2) == K(2), K(3) >= K(4))
print(sorted([5, 3, 9, 1], key=cmp_to_key(lambda a, b: b - a)))
