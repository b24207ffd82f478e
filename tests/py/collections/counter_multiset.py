from collections import Counter

inv = Counter(apple=5, pear=2, fig=0, plum=-1)
order = Counter(apple=2, pear=3, kiwi=1)
print("inv", inv)
print("+", inv + order)
print("-", inv - order)
print("|", inv | order)
print("&", inv & order)
print("unary", +inv, -inv)
print("compare", Counter(a=1) == Counter(a=1, b=0), Counter(a=1) <= Counter(a=2), Counter(a=2) < Counter(a=2))
print("compare", Counter(a=3, b=1) >= Counter(a=1), Counter(a=1) > Counter(a=1), Counter(a=1) != Counter(b=1))
print("vs dict", Counter(a=1) == {"a": 1}, {"a": 1} == Counter(a=1))
c = Counter("hello world")
c += Counter("lol")
print(sorted(c.items()))
c -= Counter(l=10)
print(sorted(c.items()), c.total())
c |= Counter(z=3)
c &= Counter(z=2, o=9, h=1)
print(c)
print(Counter(), repr(Counter(x=1)), Counter({"a": 2, "b": 2, "c": 3}).most_common())
print(Counter("abcab").most_common(0), Counter("abcab").most_common(-1), Counter("abcab").most_common(10))
mixed = Counter({"a": 1.5, "b": 2})
print(mixed, mixed.total())
weird = Counter({"x": "s", "y": 1})
try:
    print(weird)
except TypeError as e:
    print("TypeError:", e)
try:
    Counter.fromkeys("abc")
except NotImplementedError as e:
    print("NotImplementedError:", e)
try:
    Counter(a=1) + {"a": 1}
except TypeError as e:
    print("TypeError:", e)
e = Counter(a=2, b=0, c=-1)
print(list(e.elements()), sorted(Counter(e.elements()).items()))
print(isinstance(e, dict), type(e.copy()).__name__, e.copy() == e, dict(e))
