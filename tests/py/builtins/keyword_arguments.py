# Built-ins called with their parameters by name (Argument Clinic binding).
print(round(number=2.675, ndigits=2), round(7.5), round(number=1234, ndigits=-2))
print(sum([1, 2, 3], start=10), sum([[1], [2]], []), sum(range(5), 100))
print(pow(base=2, exp=10), pow(3, exp=4, mod=5), pow(2, 3, mod=None))
print(list(enumerate(iterable="ab", start=5)), list(enumerate("xy", start=-1)))
f = open(file="keyword_arguments.py", mode="r", encoding="utf-8", buffering=-1)
print(f.readline().rstrip())
f.close()
print(int("ff", base=16), int("11", 2), "a,b,,c".split(sep=",", maxsplit=2), "x\ny".splitlines(keepends=True))
print(max([3, 1, 2], key=lambda v: -v, default=0), min([], default="empty"))
for bad in [lambda: round(1.5, number=2), lambda: sum([1], iterable=[2]),
            lambda: pow(2, base=3), lambda: enumerate("a", iterable="b"),
            lambda: open("f", file="g")]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
