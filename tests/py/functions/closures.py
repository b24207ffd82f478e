def make_adder(n):
    def add(x):
        return x + n
    return add

add5 = make_adder(5)
print(add5(10), make_adder(-1)(1))

def make_accumulator():
    total = 0
    history = []
    def acc(x):
        nonlocal total
        total += x
        history.append(total)
        return total
    return acc, history

acc, hist = make_accumulator()
for v in [1, 2, 3]:
    acc(v)
print(hist)

def compose(*fs):
    def run(x):
        for f in reversed(fs):
            x = f(x)
        return x
    return run

inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose()(7))

def memoize(f):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = f(n)
        return cache[n]
    return wrapper

@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80))

def counter_factory():
    counts = {}
    def count(word):
        counts[word] = counts.get(word, 0) + 1
        return counts[word]
    return count

c = counter_factory()
print([c(w) for w in "a b a c a b".split()])

def outer():
    v = 1
    def mid():
        def inner():
            return v * 100
        return inner
    v = 2
    return mid()()

print(outer())
