# expected output written by hand
# Each OS thread runs its own reactor: its first micro_thread may start others, and
# they report that OS thread as their thread_id. A micro_thread waiting for a lock
# held by another OS thread defers only itself: its reactor's others keep running.
import _thread
import threading
import time

import micro_thread


def body(results):
    me = _thread.get_ident()

    def job(n):
        time.sleep(0.002 * (5 - n))
        return n, micro_thread.current().thread_id == me

    threads = [micro_thread.start_in_parallel(job, i) for i in range(5)]
    results.extend(t.wait() for t in threads)


results = []
th = threading.Thread(target=body, args=(results,))
th.start()
th.join()
print(results)
print(micro_thread.current().thread_id == _thread.get_ident())

lock = threading.Lock()
lock.acquire()
order = []


def holder():
    time.sleep(0.06)
    order.append("holder releases")
    lock.release()


def ticker():
    for i in range(3):
        order.append("tick %d" % i)
        time.sleep(0.01)


threading.Thread(target=holder).start()
tk = micro_thread.start_in_parallel(ticker)
print("acquired:", lock.acquire(timeout=5))
order.append("main acquired")
tk.wait()
print(order)
# a timed acquire gives up after its time, and the lock is not left taken
print("second acquire:", lock.acquire(timeout=0.02), lock.locked())
lock.release()
