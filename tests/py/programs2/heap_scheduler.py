# A task scheduler built on a binary heap written by hand.

class Heap:
    def __init__(self, key=lambda x: x):
        self.items = []
        self.key = key

    def __len__(self):
        return len(self.items)

    def __bool__(self):
        return bool(self.items)

    def push(self, item):
        a = self.items
        a.append(item)
        i = len(a) - 1
        while i > 0:
            parent = (i - 1) // 2
            if self.key(a[i]) < self.key(a[parent]):
                a[i], a[parent] = a[parent], a[i]
                i = parent
            else:
                break

    def pop(self):
        a = self.items
        if not a:
            raise IndexError("pop from empty heap")
        top = a[0]
        last = a.pop()
        if a:
            a[0] = last
            i, n = 0, len(a)
            while True:
                l, r, smallest = 2 * i + 1, 2 * i + 2, i
                if l < n and self.key(a[l]) < self.key(a[smallest]):
                    smallest = l
                if r < n and self.key(a[r]) < self.key(a[smallest]):
                    smallest = r
                if smallest == i:
                    break
                a[i], a[smallest] = a[smallest], a[i]
                i = smallest
        return top

    def peek(self):
        return self.items[0]


class Task:
    counter = 0

    def __init__(self, name, priority, duration, deps=()):
        Task.counter += 1
        self.seq = Task.counter
        self.name = name
        self.priority = priority
        self.duration = duration
        self.deps = list(deps)

    def __repr__(self):
        return f"<Task {self.name} p={self.priority}>"


def schedule(tasks, workers=2):
    by_name = {t.name: t for t in tasks}
    waiting = {t.name: set(t.deps) for t in tasks}
    ready = Heap(key=lambda t: (t.priority, t.seq))
    for t in tasks:
        if not t.deps:
            ready.push(t)
    running = Heap(key=lambda e: (e[0], e[1].seq))
    clock = 0
    timeline = []
    free = workers
    while ready or running:
        while ready and free:
            t = ready.pop()
            free -= 1
            running.push((clock + t.duration, t))
            timeline.append(f"t={clock:3d} start  {t.name}")
        end, t = running.pop()
        clock = end
        free += 1
        timeline.append(f"t={clock:3d} finish {t.name}")
        for name in sorted(waiting):
            deps = waiting[name]
            if t.name in deps:
                deps.discard(t.name)
                if not deps:
                    ready.push(by_name[name])
    return clock, timeline


# heap sort check
h = Heap()
data = [27, 3, 99, -4, 3, 15, 0, 42, 8, 8, 1]
for x in data:
    h.push(x)
print([h.pop() for _ in range(len(h))] == sorted(data))
try:
    h.pop()
except IndexError as e:
    print("IndexError:", e)

tasks = [
    Task("fetch", 1, 5), Task("config", 0, 2), Task("compile", 2, 10, ["fetch", "config"]),
    Task("docs", 5, 4, ["fetch"]), Task("test", 1, 7, ["compile"]),
    Task("lint", 3, 3, ["fetch"]), Task("package", 0, 2, ["test", "lint", "docs"]),
]
total, timeline = schedule(tasks)
print("\n".join(timeline))
print("makespan", total)
total1, _ = schedule(tasks, workers=1)
total3, _ = schedule(tasks, workers=3)
print("1 worker:", total1, "3 workers:", total3)

words = Heap(key=lambda w: (-len(w), w))
for w in "the quick brown fox jumps over a lazy dog".split():
    words.push(w)
print([words.pop() for _ in range(4)], len(words), words.peek())
