from functools import lru_cache

calls = []

@lru_cache(maxsize=2)
def square(n):
    calls.append(n)
    return n * n

for n in [1, 2, 1, 3, 2, 1, 1]:
    square(n)
print(calls, square.cache_info())
info = square.cache_info()
print(info, info.hits, info[1], tuple(info), info._fields)
square.cache_clear()
print(square.cache_info(), square.cache_parameters())

@lru_cache(maxsize=0)
def nocache(x):
    return x
nocache(1); nocache(1)
print(nocache.cache_info())

@lru_cache(maxsize=-5)
def negative(x):
    return x
negative(1); negative(1)
print(negative.cache_info())

@lru_cache(maxsize=None)
def kw(a, b=0, *, c=0):
    calls.append((a, b, c))
    return a + b + c
calls.clear()
print(kw(1), kw(1), kw(1, 2), kw(1, b=2), kw(1, c=3), kw(1, c=3))
print(calls, kw.cache_info())

@lru_cache(typed=True)
def typed(x):
    return type(x).__name__
print(typed(1), typed(1.0), typed(True), typed.cache_info().currsize)

print(square.__name__, square.__wrapped__(9), callable(square))
for bad in ["x", 1.5]:
    try:
        lru_cache(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    square([1])
except TypeError as e:
    print("TypeError:", e)
try:
    square()
except TypeError as e:
    print("TypeError:", e)
