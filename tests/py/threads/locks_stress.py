# 8 OS threads x 100,000 locked increments: the total is exact.
import _thread
import time

lock = _thread.allocate_lock()
total = 0
finished = 0
N = 8


def work(n):
    global total, finished
    for i in range(n):
        with lock:
            total += 1
    with lock:
        finished += 1


for i in range(N):
    _thread.start_new_thread(work, (100000,))
while True:
    with lock:
        if finished == N:
            break
    time.sleep(0.01)
print("total", total)
