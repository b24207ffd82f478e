# Decorators written the usual way: functools.wraps, lru_cache, cache,
# cached_property, a retry decorator with arguments and a call counter.
import functools


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)
    wrapper.calls = 0
    return wrapper


def retry(times, exceptions=(Exception,)):
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            last = None
            for attempt in range(1, times + 1):
                try:
                    return fn(*args, **kwargs)
                except exceptions as e:
                    print(f"  attempt {attempt} of {fn.__name__} failed: {e!r}")
                    last = e
            raise RuntimeError(f"{fn.__name__} failed after {times} attempts") from last
        return wrapper
    return decorate


@counted
def slow_fib(n):
    """The exponential Fibonacci."""
    return n if n < 2 else slow_fib(n - 1) + slow_fib(n - 2)


@functools.lru_cache(maxsize=None)
def fast_fib(n):
    return n if n < 2 else fast_fib(n - 1) + fast_fib(n - 2)


print(slow_fib(15), slow_fib.calls, slow_fib.__name__, slow_fib.__doc__)
print(fast_fib(200), fast_fib.cache_info())
print(slow_fib.__wrapped__(10), slow_fib.calls)


@functools.lru_cache(maxsize=3)
def lookup(key):
    print("  miss", key)
    return key.upper()


for k in ["a", "b", "a", "c", "d", "a", "b"]:
    lookup(k)
print(lookup.cache_info())
lookup.cache_clear()
print(lookup.cache_info(), lookup.cache_parameters())

flaky_state = {"n": 0}


@retry(3, exceptions=(ConnectionError, TimeoutError))
def flaky(x):
    flaky_state["n"] += 1
    if flaky_state["n"] < 3:
        raise ConnectionError(f"try {flaky_state['n']}")
    return x * 10


print(flaky(4), flaky.__name__)


@retry(2)
def always_fails():
    raise ValueError("nope")


try:
    always_fails()
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", repr(e.__cause__))


@functools.cache
def paths(r, c):
    if r == 0 or c == 0:
        return 1
    return paths(r - 1, c) + paths(r, c - 1)


print(paths(16, 16), paths.cache_info().currsize)


class Report:
    def __init__(self, rows):
        self.rows = rows
        self.computed = 0

    @functools.cached_property
    def total(self):
        self.computed += 1
        return sum([r[1] for r in self.rows])

    @property
    def average(self):
        return self.total / len(self.rows)


r = Report([("a", 3), ("b", 4), ("c", 8)])
print(r.total, r.average, r.total, r.computed, sorted(vars(r)))
r.rows.append(("d", 5))
print(r.total, "(stale)")
del r.total
print(r.total, r.computed)

add3 = functools.partial(lambda a, b, c: a + b + c, 1, c=100)
print(add3(2), functools.reduce(lambda acc, x: acc * x, range(1, 11), 1))


def typed_key(*args, **kwargs):
    return args, sorted(kwargs.items())


@functools.lru_cache(maxsize=16, typed=True)
def describe(x):
    return f"{type(x).__name__}:{x}"


print(describe(1), describe(1.0), describe(True), describe(1), describe.cache_info())
