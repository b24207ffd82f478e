def f(a, b):
    return a + b

def g(a, b=1, *, c):
    return a

name_of_str = "abc"

def h(x, /, y):
    return x

tests = [
    lambda: f(1),
    lambda: f(1, 2, 3),
    lambda: f(1, b=2, a=3),
    lambda: f(1, 2, z=3),
    lambda: f(),
    lambda: g(1),
    lambda: g(1, 2, 3, c=4),
    lambda: h(x=1, y=2),
    lambda: (lambda: 0)(1),
    lambda: len(),
    lambda: len(1, 2),
    lambda: len(5),
    lambda: name_of_str(),
    lambda: [].append(),
    lambda: print(sepx=1),
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print("TypeError:", e)
