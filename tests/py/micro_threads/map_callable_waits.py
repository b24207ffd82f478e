# expected output written by hand
# map/filter/zip whose callable suspends the micro_thread (sleeps, reads a
# micro_pipe) and returns or raises StopIteration(value): the results, the
# StopIteration value seen by next() and by `yield from` are the same as with a
# callable that never waits (CPython's results for the latter).
import time
from micro_thread import start_in_parallel, micro_pipe


def scale(x):
    if x == 3:
        raise StopIteration(99)
    return x * 2


def slow_scale(x):
    time.sleep(0.001)
    return scale(x)


def even(x):
    if x == 5:
        raise StopIteration("v")
    return x % 2 == 0


def slow_even(x):
    time.sleep(0.001)
    return even(x)


def run(f, p):
    out = [list(map(f, range(6))), list(filter(p, range(8)))]
    m = map(f, range(6))
    try:
        while True:
            out.append(next(m))
    except StopIteration as e:
        out.append(("stop", e.value))
    out.append(list(zip(map(f, range(2)), "ab")))

    def delegate():
        r = yield from map(f, range(6))
        out.append(("returned", r))

    out.append(list(delegate()))
    return out


plain = run(scale, even)
waiting = start_in_parallel(lambda: run(slow_scale, slow_even)).wait()
print(plain)
print("same when the callable waits:", waiting == plain)

pipe = micro_pipe()


def feeder():
    for i in range(5):
        time.sleep(0.001)
        pipe.put(i * 10)
    pipe.close()


def take(x):
    v = next(pipe, None)
    if v is None:
        raise StopIteration("drained")
    return (x, v)


start_in_parallel(feeder)
print(start_in_parallel(lambda: list(map(take, range(10)))).wait())
