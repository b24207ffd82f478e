"""pyvm's half of the _thread benchmark (issue "_thread"): the same measures as
bench/peers/thread_peers.py, the hand-off over a micro_pipe between two OS threads.
Usage: pyvm bench/threads/pyvm_threads.py [N]   (default 1,000,000)
"""
import _thread
import sys
import threading
import time

import micro_thread

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
    pipe = micro_thread.micro_pipe()

    def producer():
        for i in range(n):
            pipe.put(i)
        pipe.close()

    th = threading.Thread(target=producer)
    t = time.perf_counter()
    th.start()
    for _ in pipe:
        pass
    th.join()
    return (time.perf_counter() - t) / n * 1e6


if __name__ == "__main__":
    print(f"lock_uncontended {uncontended(N):.1f} ns/acquire+release")
    print(f"lock_contended_4_threads {contended(N // 4):.1f} ns/acquire+release")
    print(f"thread_start_join {start_join(max(N // 200, 100)):.1f} us/thread")
    print(f"cross_thread_handoff {handoff(N // 20):.2f} us/value")
