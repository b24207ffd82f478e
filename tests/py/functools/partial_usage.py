from functools import partial

def power(base, exponent, *, modulo=None):
    r = base ** exponent
    return r if modulo is None else r % modulo

square = partial(power, exponent=2)
cube = partial(power, exponent=3)
print(square(7), cube(2), square(5, modulo=7), square(3, exponent=4))
two_to = partial(power, 2)
print([two_to(n) for n in range(6)])
print(two_to.func is power, two_to.args, two_to.keywords, square.keywords)

base10 = partial(int, base=10)
hexint = partial(int, base=16)
print(base10("42"), hexint("ff"), hexint("10", base=8))
print(repr(partial(max, 1, 2, key=abs)))
print(repr(partial(print)), repr(partial(sorted, reverse=True)))

# A partial of a partial is flattened.
p = partial(partial(max, 10), 20)
print(repr(p), p(5, 30), p.args)
q = partial(partial(sorted, key=len), reverse=True)
print(q(["aaa", "b", "cc"]), q.keywords)

print(callable(square), type(square).__name__ == "partial")
print(list(map(partial(round, ndigits=1), [1.26, 2.34])))
print(sorted(["b", "A", "c"], key=partial(str.lower)))

add = lambda a, b, c=0: a + b + c
adders = [partial(add, n) for n in range(3)]
print([f(10) for f in adders], [f(10, c=1) for f in adders])

for make in [lambda: partial(), lambda: partial(5), lambda: partial(1, 2)]:
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)
try:
    partial(power, 1, 2, 3)()
except TypeError as e:
    print("TypeError:", e)
try:
    square.func = None
except (AttributeError, TypeError) as e:
    print(type(e).__name__)
print(partial(power, 3, 3)())
partial(power, "a", 2)()
