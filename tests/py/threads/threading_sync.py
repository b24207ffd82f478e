# threading: Thread, Event, Condition, Semaphore, Lock, current_thread, join.
import threading
import time

results = []
lock = threading.Lock()


def worker(n):
    time.sleep(0.005 * n)
    with lock:
        results.append(n)


ts = [threading.Thread(target=worker, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results), threading.active_count())

ev = threading.Event()


def setter():
    time.sleep(0.02)
    ev.set()


threading.Thread(target=setter).start()
print(ev.wait(2), ev.is_set(), threading.Event().wait(0.01))

cond = threading.Condition()
items = []


def producer():
    for i in range(50):
        with cond:
            items.append(i)
            cond.notify()


def consumer(out):
    got = []
    while len(got) < 50:
        with cond:
            cond.wait_for(lambda: items)
            got.append(items.pop(0))
    out.append(got == list(range(50)))


out = []
c = threading.Thread(target=consumer, args=(out,))
c.start()
p = threading.Thread(target=producer)
p.start()
p.join()
c.join()
print("consumer saw every item in order:", out)

sem = threading.BoundedSemaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(False), sem.acquire(timeout=0.01))
sem.release()
sem.release()
try:
    sem.release()
except ValueError as e:
    print("ValueError:", e)

print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
t = threading.Thread(target=lambda: print("in", threading.current_thread().name), name="worker-x")
t.start()
t.join()
print(t.is_alive(), t.name, t.daemon)
try:
    t.start()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.Thread(target=print).join()
except RuntimeError as e:
    print("RuntimeError:", e)

local = threading.local()
local.x = "main"
seen = []


def look():
    seen.append(hasattr(local, "x"))
    local.x = "child"
    seen.append(local.x)


th = threading.Thread(target=look)
th.start()
th.join()
print(seen, local.x)


def late():
    time.sleep(0.05)
    print("non-daemon thread finished before exit")


threading.Thread(target=late).start()
print("main done")
