"""Peer figures for the _thread benchmark (issue "_thread"): CPython's _thread and
threading. Usage: python3 bench/peers/thread_peers.py [N]   (default 1,000,000)
Prints one `name value unit` line per measure.
"""
import _thread
import queue
import sys
import threading
import time

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000


def uncontended(n):
    lock = _thread.allocate_lock()
    t = time.perf_counter()
    for _ in range(n):
        lock.acquire()
        lock.release()
    return (time.perf_counter() - t) / n * 1e9


def contended(n, threads=4):
    lock = threading.Lock()
    total = [0]

    def work(k):
        for _ in range(k):
            with lock:
                total[0] += 1

    ts = [threading.Thread(target=work, args=(n // threads,)) for _ in range(threads)]
    t = time.perf_counter()
    for th in ts:
        th.start()
    for th in ts:
        th.join()
    assert total[0] == n // threads * threads
    return (time.perf_counter() - t) / total[0] * 1e9


def start_join(n):
    t = time.perf_counter()
    for _ in range(n):
        th = threading.Thread(target=lambda: None)
        th.start()
        th.join()
    return (time.perf_counter() - t) / n * 1e6


def handoff(n):
    q = queue.Queue(maxsize=1)

    def producer():
        for i in range(n):
            q.put(i)
        q.put(None)

    th = threading.Thread(target=producer)
    t = time.perf_counter()
    th.start()
    while q.get() is not None:
        pass
    th.join()
    return (time.perf_counter() - t) / n * 1e6


if __name__ == "__main__":
    print(f"lock_uncontended {uncontended(N):.1f} ns/acquire+release")
    print(f"lock_contended_4_threads {contended(N // 4):.1f} ns/acquire+release")
    print(f"thread_start_join {start_join(max(N // 200, 100)):.1f} us/thread")
    print(f"cross_thread_handoff {handoff(N // 20):.2f} us/value")
