# expected output written by hand
# Sleeping micro_threads run interleaved, in the order their sleeps end; the OS
# thread sleeps only when none is runnable.
import time
from micro_thread import start_in_parallel, start_and_forget, current


def worker(name, delay, n):
    for i in range(n):
        time.sleep(delay)
        print(name, i)
    return name.upper()


a = start_in_parallel(worker, "a", 0.04, 3)   # wakes at 40, 80, 120 ms
b = start_in_parallel(worker, "b", 0.1, 2)    # wakes at 100, 200 ms
print("started", a.name.startswith("worker-"), b.state)
print(a.wait(), b.wait())
print(a.state, current().name)


def ticker():
    for i in range(3):
        print("tick", i)
        time.sleep(0)        # a zero sleep lets the others run


start_and_forget(ticker)
start_and_forget(ticker)
time.sleep(0.01)
t0 = time.monotonic()
time.sleep(0.03)
print("slept at least 30 ms:", time.monotonic() - t0 >= 0.029)
