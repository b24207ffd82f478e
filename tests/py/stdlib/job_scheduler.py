# A discrete-event job scheduler on heapq: events are (time, priority, seq, Job)
# tuples, jobs order by a custom __lt__, a list subclass holds a max-heap of
# deadlines, and the C functions' errors are checked against bad input.
import heapq
import _heapq


class Job:
    def __init__(self, name, cost, deadline):
        self.name, self.cost, self.deadline = name, cost, deadline

    def __lt__(self, other):
        # Cheaper first; ties by name.
        return (self.cost, self.name) < (other.cost, other.name)

    def __repr__(self):
        return f"Job({self.name}, cost={self.cost})"


class Scheduler:
    def __init__(self):
        self.events = []
        self.seq = 0
        self.log = []

    def at(self, when, prio, job):
        self.seq += 1
        heapq.heappush(self.events, (when, prio, self.seq, job))

    def run(self, until):
        while self.events and self.events[0][0] <= until:
            when, prio, _, job = heapq.heappop(self.events)
            self.log.append(f"t={when:>2} p={prio} {job.name}")
            if job.cost > 3:
                # A long job re-queues its remaining part.
                self.at(when + 3, prio + 1, Job(job.name + "'", job.cost - 3, job.deadline))
        return self.log


s = Scheduler()
for i, (name, cost) in enumerate([("build", 5), ("test", 2), ("lint", 1), ("deploy", 7), ("docs", 2)]):
    s.at(i % 3, i % 2, Job(name, cost, 10 + i))
for line in s.run(20):
    print(line)

# Jobs compared by their own __lt__ (no tuples).
jobs = [Job(n, c, 0) for n, c in [("e", 5), ("a", 3), ("c", 3), ("b", 1), ("d", 9)]]
heapq.heapify(jobs)
print("cheapest:", jobs[0])
print("replace ->", heapq.heapreplace(jobs, Job("z", 0, 0)), "top", jobs[0])
print("pushpop ->", heapq.heappushpop(jobs, Job("y", 100, 0)))
print("order:", [heapq.heappop(jobs).name for _ in range(len(jobs))])


class DeadlineHeap(list):
    """A max-heap of deadlines (a list subclass: the C functions take its list)."""

    def latest(self):
        return self[0]


dl = DeadlineHeap([4, 17, 9, 12, 1, 30, 8])
heapq._heapify_max(dl)
print(type(dl).__name__, "latest", dl.latest())
print("popped", [heapq._heappop_max(dl) for _ in range(3)], "left", sorted(dl))
print("replaced", heapq._heapreplace_max(dl, 5), "now", dl.latest())

print(heapq.nsmallest(3, [7, 2, 9, 4, 1]), heapq.nlargest(2, "pyvm"))
print(list(heapq.merge([1, 4, 9], [2, 3, 10], key=None)))

# Bad input: CPython's errors.
class Shrinker:
    def __init__(self, heap):
        self.heap = heap

    def __lt__(self, other):
        self.heap.clear()
        return True


for label, call in [
    ("not a list", lambda: heapq.heappush((1, 2), 3)),
    ("pop empty", lambda: heapq.heappop([])),
    ("replace empty", lambda: heapq.heapreplace([], 1)),
    ("no order", lambda: heapq.heappush([1, 2], "x")),
    ("arity", lambda: _heapq.heappush([])),
    ("keywords", lambda: _heapq.heappush(heap=[], item=1)),
    ("one arg", lambda: _heapq.heapify()),
    ("max type", lambda: _heapq._heappop_max({})),
]:
    try:
        call()
    except Exception as e:
        print(f"{label}: {type(e).__name__}: {e}")

h = []
h.extend(Shrinker(h) for _ in range(4))
try:
    heapq.heappush(h, Shrinker(h))
except RuntimeError as e:
    print("mutated:", e)
h = [Shrinker(None) for _ in range(3)]
for x in h:
    x.heap = h
try:
    heapq.heapify(h)
except RuntimeError as e:
    print("mutated in heapify:", e)
big = list(range(5000, 0, -1))
heapq.heapify(big)
print("big heap ok:", all(big[i] <= big[c] for i in range(len(big)) for c in (2 * i + 1, 2 * i + 2) if c < len(big)))
