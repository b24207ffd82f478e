# Threads creating threads: a binary tree of OS threads, each joining its children.
import threading

lock = threading.Lock()
leaves = []


def spawn(depth, path):
    if depth == 0:
        with lock:
            leaves.append(path)
        return
    ts = [threading.Thread(target=spawn, args=(depth - 1, path + side)) for side in "LR"]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


spawn(5, "")
print(len(leaves), sorted(leaves)[:3], sorted(leaves)[-1])
