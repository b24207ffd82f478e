# A report builder's worker pool: threading.Thread workers take jobs from a
# queue.Queue and each job is CPU-heavy (sorting with a key function for 0.4 s)
# while the main thread and the idle workers all wait. Nobody is deadlocked: a
# worker computing for a long time after being woken must not make the waiting
# ones look stuck forever.
import queue
import random
import threading
import time

jobs = queue.Queue()
done = queue.Queue()


def rank(seed, seconds):
    """Sort a sample over and over for `seconds`: busy, never waiting."""
    rng = random.Random(seed)
    data = [rng.random() for _ in range(5000)]
    best = sorted(data, key=lambda x: -x)[:3]
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        best = sorted(data, key=lambda x: -x)[:3]
    return [round(x, 6) for x in best]


def worker():
    while True:
        job = jobs.get()
        if job is None:
            jobs.task_done()
            return
        done.put((job, rank(job, 0.4)))
        jobs.task_done()


pool = [threading.Thread(target=worker, name=f"ranker-{i}") for i in range(6)]
for t in pool:
    t.start()
time.sleep(0.3)           # every worker waits on the empty queue
for job in range(3):
    jobs.put(job)         # one worker wakes and computes; the others and main wait
    jobs.join()
    print("job", *done.get())
for t in pool:
    jobs.put(None)
for t in pool:
    t.join()
print("pool finished:", sum(t.is_alive() for t in pool), "alive")
