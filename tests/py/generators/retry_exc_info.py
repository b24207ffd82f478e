# A retry helper whose backoff generator logs which error it is retrying for:
# inside a generator resumed from an except block, sys.exc_info() sees the
# resumer's exception until the generator handles one of its own.
import sys


def backoff(log):
    delay = 1
    while True:
        exc = sys.exc_info()[1]
        log.append(f"wait {delay} after {type(exc).__name__}: {exc}" if exc else f"wait {delay}")
        try:
            yield delay
        except GeneratorExit:
            raise
        delay *= 2


class Flaky:
    def __init__(self, failures):
        self.failures = list(failures)

    def __call__(self):
        if self.failures:
            raise self.failures.pop(0)
        return "ok"


def retry(fn, attempts, log):
    waits = backoff(log)
    for _ in range(attempts):
        try:
            return fn()
        except (OSError, ValueError):
            next(waits)
    raise RuntimeError("gave up")


log = []
print(retry(Flaky([ConnectionError("reset"), ValueError("bad reply")]), 5, log))
print("\n".join(log))
print(sys.exc_info())


def inner_handles():
    try:
        raise KeyError("own")
    except KeyError:
        yield sys.exc_info()[0].__name__
    yield sys.exc_info()[0].__name__ if sys.exc_info()[0] else None


g = inner_handles()
try:
    raise ZeroDivisionError
except ZeroDivisionError:
    print(next(g), next(g))
print(next(g, "end"), sys.exc_info()[0])


def nested():
    yield sys.exc_info()[0]


def outer():
    yield from nested()


try:
    raise IndexError
except IndexError:
    print(next(outer()).__name__)

# The generator's own exception chains to the resumer's.
def failing():
    yield
    raise TypeError("in generator")


g = failing()
next(g)
try:
    raise LookupError("resumer")
except LookupError:
    try:
        next(g)
    except TypeError as e:
        print(type(e).__name__, "context:", repr(e.__context__))
