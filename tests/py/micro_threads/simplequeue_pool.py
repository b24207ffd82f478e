# expected output written by hand
# A worker pool on queue.SimpleQueue (the C `_queue`): get() parks only the
# calling micro_thread, put() wakes it (also from another OS thread), timeouts
# raise queue.Empty, a waiter with nobody left to put gets DeadlockError, and
# heapq / bisect comparisons whose __lt__ blocks on a micro_pipe run to the end.
import heapq
import bisect
import queue
import threading
import time
from micro_thread import micro_pipe, start_in_parallel, DeadlockError

jobs = queue.SimpleQueue()
results = queue.SimpleQueue()
print(queue.SimpleQueue[str], queue.SimpleQueue is __import__("_queue").SimpleQueue,
      queue.Empty is __import__("_queue").Empty)
queue.SimpleQueue.put(results, "unbound")
print(queue.SimpleQueue.get(results), queue.SimpleQueue.qsize(results))


def worker(n):
    done = 0
    while (job := jobs.get()) is not None:
        results.put((job, job * job, n))
        done += 1
        time.sleep(0)          # let the other workers take a turn
    results.put(("stop", n, done))


workers = [start_in_parallel(worker, n) for n in range(3)]
print("queued:", jobs.qsize(), jobs.empty())
for j in range(9):
    jobs.put(j)
for _ in workers:
    jobs.put_nowait(None)
out = [results.get() for _ in range(12)]
print("squares:", sorted(sq for job, sq, _ in out if job != "stop"))
print("stops:", sorted(n for job, n, _ in out if job == "stop"),
      "jobs done:", sum(done for job, _, done in out if job == "stop"))
for w in workers:
    w.wait()

# A timeout, then a put from another micro_thread ends a wait.
t0 = time.monotonic()
try:
    jobs.get(timeout=0.05)
except queue.Empty:
    print("timed out:", time.monotonic() - t0 >= 0.05)


def late(q, v):
    time.sleep(0.02)
    q.put(v)


start_in_parallel(late, jobs, "late item")
print("got:", jobs.get(timeout=5))
try:
    jobs.get(block=False)
except queue.Empty:
    print("get(block=False): Empty")
try:
    jobs.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)

# Nobody left to put (and no other OS thread yet): the driver reports the deadlock.
try:
    jobs.get()
except DeadlockError as e:
    print("DeadlockError:", e)

# Across OS threads: a threading.Thread producer, micro_thread consumers.
def producer(q, n):
    for i in range(n):
        q.put(i)
        time.sleep(0.001)
    q.put(None)
    q.put(None)


def consumer(q, sink):
    while (v := q.get(timeout=10)) is not None:
        sink.append(v)


sink = []
cross = queue.SimpleQueue()
cs = [start_in_parallel(consumer, cross, sink) for _ in range(2)]
th = threading.Thread(target=producer, args=(cross, 50))
th.start()
for c in cs:
    c.wait()
th.join()
print("from another OS thread:", sorted(sink) == list(range(50)))


# A comparison that blocks: __lt__ asks a judge micro_thread through a pipe.
class Task:
    def __init__(self, name, prio):
        self.name, self.prio = name, prio

    def __lt__(self, other):
        ask.put((self.prio, other.prio))
        return next(verdict)

    def __repr__(self):
        return self.name


ask, verdict = micro_pipe(), micro_pipe()


def judge():
    for a, b in ask:
        verdict.put(a < b)


start_in_parallel(judge)
heap = []
for name, prio in [("c", 3), ("a", 1), ("d", 4), ("b", 2), ("e", 5)]:
    heapq.heappush(heap, Task(name, prio))
print("heap order:", [heapq.heappop(heap) for _ in range(len(heap))])
ranked = []
for name, prio in [("x", 7), ("y", 2), ("z", 5)]:
    bisect.insort(ranked, Task(name, prio))
print("insort order:", ranked)
ask.close()
