# A job runner that starts its worker threads with small stacks
# (threading.stack_size), as servers with many threads do; the stack size rules
# (0 is the default, at least 32 KiB, never negative) and work that nests natives
# calling Python inside those threads.
import threading


def set_stack(size):
    try:
        old = threading.stack_size(size)
        print(f"stack_size({size}) ok, was {old}")
    except ValueError as e:
        print(f"stack_size({size}): ValueError: {e}")


for size in (-1, 100, 32767, 32768, 1 << 20, 0):
    set_stack(size)
print("threading.stack_size is _thread's:", threading.stack_size.__name__)


def rank(words, depth):
    # Natives calling Python calling natives: sorted() with a key that sorts.
    if depth == 0:
        return sorted(words)
    return sorted(words, key=lambda w: (len(rank(words[:2], depth - 1)), w))


words = "pear fig apple kiwi plum date lime".split()
results = [None] * 20


def worker(n):
    mine = words[n % 7:] + words[:n % 7]
    results[n] = (rank(mine, 4)[0], threading.current_thread().name)


print("previous size:", threading.stack_size(256 * 1024))
pool = [threading.Thread(target=worker, args=(i,), name=f"w{i}") for i in range(20)]
for t in pool:
    t.start()
print("current size:", threading.stack_size())
for t in pool:
    t.join()
print(len(results), "results;", sorted({r[0] for r in results}))
print("names:", [r[1] for r in results[:3]])
print("restored:", threading.stack_size(0))
