from functools import reduce, partial
import functools

def compose(*funcs):
    return reduce(lambda f, g: lambda x: g(f(x)), funcs, lambda x: x)

def scale(factor, x):
    return x * factor

def clamp(lo, hi, x):
    return max(lo, min(hi, x))

normalize = compose(partial(scale, 2), partial(clamp, 0, 100), round)
print([normalize(v) for v in [-5, 12.4, 40.3, 73.9]])

words = "the quick brown fox jumps over the lazy dog the end".split()
freq = reduce(lambda d, w: {**d, w: d.get(w, 0) + 1}, words, {})
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(top)

by_len = partial(sorted, key=len)
print(by_len(words[:5]))
print(functools.__name__, functools.reduce is reduce, functools.partial is partial)
print(functools.WRAPPER_ASSIGNMENTS)
print(functools.WRAPPER_UPDATES)
