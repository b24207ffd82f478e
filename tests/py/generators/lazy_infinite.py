# Infinite generators and lazy combinators built from them.

def count(start=0, step=1):
    n = start
    while True:
        yield n
        n += step


def take(n, it):
    it = iter(it)
    for _ in range(n):
        try:
            yield next(it)
        except StopIteration:
            return


def drop_while(pred, it):
    it = iter(it)
    for x in it:
        if not pred(x):
            yield x
            break
    yield from it


def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


def primes():
    # An incremental sieve: composites map to the primes that reach them.
    composites = {}
    for n in count(2):
        if n not in composites:
            yield n
            composites[n * n] = [n]
        else:
            for p in composites.pop(n):
                composites.setdefault(n + p, []).append(p)


def pairwise(it):
    it = iter(it)
    prev = next(it, None)
    for x in it:
        yield prev, x
        prev = x


def cycle(items):
    saved = list(items)
    while saved:
        yield from saved


print(list(take(5, count(10, 5))))
print(list(take(15, fib())))
print(list(take(12, primes())))
print(list(take(5, drop_while(lambda x: x < 100, fib()))))
print(list(pairwise(take(5, primes()))))
print([b - a for a, b in pairwise(take(10, primes()))])
print(list(take(7, cycle("abc"))))
print(list(take(3, cycle([]))))
print(list(zip(count(1), "xyz")))
print(list(take(4, map(lambda p: p * p, primes()))))
print(list(take(4, filter(lambda n: n % 3 == 0, fib()))))
print(list(take(3, enumerate(fib(), 1))))
big = next(x for x in fib() if x > 10 ** 20)
print(big, len(str(big)))
print(sum(take(100, count())), 99 * 100 // 2)
