# expected output written by hand
# Every micro_thread suspended inside a built-in holds a worker stack. When no more
# can be had (here PYVM_MAX_WORKERS=4, set by the test's first line below; in real
# life the kernel's map limit, about 32,000), a micro_thread that would need one
# gets MemoryError where it waits, and the program goes on: the others finish.
# env: PYVM_MAX_WORKERS=4
import time
from micro_thread import start_in_parallel


def key(x):
    time.sleep(0.05)
    return -x


def work(i):
    try:
        return sorted([1, 2, 3], key=key)
    except MemoryError as e:
        return "MemoryError: " + str(e)


threads = [start_in_parallel(work, i) for i in range(6)]
results = [t.wait() for t in threads]
print(sum(1 for r in results if r == [3, 2, 1]), "sorted")
print(sorted(set(r for r in results if isinstance(r, str))))
print(sorted([2, 1, 3], key=key))
