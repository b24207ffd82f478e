# A word-statistics job farmed out to worker processes (multiprocessing.Pool with
# the fork start method) and to worker threads (ThreadPool): map, imap with a chunk
# size, imap_unordered (sorted), starmap, apply_async with a callback, and an
# exception raised in a worker coming back to the caller.
import multiprocessing
from multiprocessing.pool import Pool, ThreadPool

DOCS = [
    "the quick brown fox jumps over the lazy dog",
    "pack my box with five dozen liquor jugs",
    "how vexingly quick daft zebras jump",
    "sphinx of black quartz judge my vow",
    "the five boxing wizards jump quickly",
    "jackdaws love my big sphinx of quartz",
]


def stats(doc):
    words = doc.split()
    return len(words), max(words, key=len), sum(map(len, words))


def weighted(doc, weight):
    return weight * len(doc.split())


def square(n):
    return n * n


def check(n):
    if n == 13:
        raise ValueError("unlucky job %d" % n)
    return n


def run(pool, kind):
    print(kind, "map:", pool.map(stats, DOCS))
    print(kind, "imap:", list(pool.imap(stats, DOCS, 2)))
    print(kind, "imap_unordered:", sorted(pool.imap_unordered(stats, DOCS)))
    print(kind, "starmap:", pool.starmap(weighted, [(d, i) for i, d in enumerate(DOCS)]))
    got = []
    r = pool.apply_async(stats, (DOCS[0],), callback=got.append)
    r.wait(10)
    print(kind, "apply_async:", r.get(10), r.successful(), got)
    print(kind, "squares:", sum(pool.imap(square, range(-300, 300), 25)))
    try:
        pool.map(check, range(20))
    except ValueError as e:
        print(kind, "worker raised:", repr(e))


if __name__ == "__main__":
    multiprocessing.set_start_method("fork")
    with Pool(2) as pool:
        run(pool, "processes")
    pool.join()
    with ThreadPool(2) as pool:
        run(pool, "threads")
    pool.join()
    print("done")
