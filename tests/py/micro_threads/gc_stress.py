# expected output written by hand
# The cycle collector runs while micro_threads (and an OS thread) hold cycles on
# their stacks across waits: one micro_thread calls gc.collect() in a loop while the
# others build parent/child graphs, keep them only in locals, in suspended generators
# and in closures, sleep, and check that every link is intact when they wake. What
# they drop becomes garbage and is reclaimed; nothing they still hold is cleared.
import gc
import threading
import time
from micro_thread import start_in_parallel


class Node:
    freed = 0

    def __init__(self, name, parent=None):
        self.name = name
        self.parent = parent
        self.children = []
        self.table = {"self": self}
        if parent is not None:
            parent.children.append(self)

    def __del__(self):
        Node.freed += 1


def build(prefix, n):
    root = Node(prefix)
    for i in range(n):
        Node(f"{prefix}.{i}", root)
    return root


def intact(root, prefix, n):
    return (
        root.table["self"] is root
        and [c.name for c in root.children] == [f"{prefix}.{i}" for i in range(n)]
        and all(c.parent is root and c.table["self"] is c for c in root.children)
    )


def walker(root):
    # A suspended generator holding the graph in its frame.
    for child in root.children:
        yield child.name


def keeper(value):
    return lambda: value


def worker(wid, rounds):
    bad = 0
    for r in range(rounds):
        prefix = f"w{wid}r{r}"
        root = build(prefix, 5)
        gen = walker(root)
        first = next(gen)
        keep = keeper(root)  # a closure cell holding it
        del root
        time.sleep(0.001)  # the collector runs meanwhile
        root = keep()
        if not intact(root, prefix, 5) or first != f"{prefix}.0":
            bad += 1
        if list(gen) != [f"{prefix}.{i}" for i in range(1, 5)]:
            bad += 1
        build(prefix + "x", 3)  # garbage straight away
        del root, gen, keep
    return f"worker {wid}: {rounds} rounds, {bad} broken"


def os_worker(out):
    bad = 0
    for r in range(30):
        prefix = f"os{r}"
        root = build(prefix, 4)
        time.sleep(0.001)
        if not intact(root, prefix, 4):
            bad += 1
        del root
    out.append(f"os thread: 30 rounds, {bad} broken")


stop = []


def collector():
    runs = 0
    while not stop:
        gc.collect()
        runs += 1
        time.sleep(0.0005)
    return runs > 0


c = start_in_parallel(collector)
out = []
t = threading.Thread(target=os_worker, args=(out,))
t.start()
workers = [start_in_parallel(worker, w, 40) for w in range(4)]
for w in workers:
    print(w.wait())
t.join()
print(out[0])
stop.append(True)
print("collector ran:", c.wait())
gc.collect()
made = 4 * 40 * (6 + 4) + 30 * 5
print("all freed:", Node.freed == made)
