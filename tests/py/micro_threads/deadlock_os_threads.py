# expected output written by hand
# A deadlock that spans OS threads is reported (DeadlockError in one of the stuck
# micro_threads, the main one when it is stuck, naming who waits on what and which
# lock is held by whom); its unwinding releases what it held, so the rest goes on.
# And an OS thread that ran and ended, joined or not, does not turn detection off.
import threading
import time
from micro_thread import micro_pipe, DeadlockError

# 1. Two OS threads take two locks in opposite orders.
a = threading.Lock()
b = threading.Lock()


# Each holds its first lock before either asks for its second (flags, not a fixed
# sleep: a loaded machine may start the thread late).
held = set()


def wait_for(name):
    while name not in held:
        time.sleep(0.001)


def worker():
    with a:
        held.add("a")
        wait_for("b")
        with b:
            print("worker got both locks")


t = threading.Thread(target=worker)
t.start()
with b:
    held.add("b")
    wait_for("a")
    try:
        with a:
            print("main got both locks")
    except DeadlockError as e:
        print("DeadlockError:", e)
t.join()

# 2. A pipe between OS threads whose writer waits on a lock main holds.
pipe = micro_pipe()
gate = threading.Lock()


def writer():
    with gate:
        pipe.put("never sent")


with gate:
    t = threading.Thread(target=writer)
    t.start()
    try:
        print(next(pipe))
    except DeadlockError as e:
        print("DeadlockError:", e)
t.join()
print("writer sent:", next(pipe))

# 3. Another OS thread ran and ended; then the main thread waits on a pipe nobody
# writes.
t = threading.Thread(target=time.sleep, args=(0.05,))
t.start()
t.join()
try:
    next(micro_pipe())
except DeadlockError as e:
    print("DeadlockError:", e)

# 4. Another OS thread still runs, never joined, when the main thread starts waiting
# on a pipe nobody writes: once that thread has ended, the deadlock is reported.
t = threading.Thread(target=time.sleep, args=(0.3,))
t.start()
try:
    next(micro_pipe())
except DeadlockError as e:
    print("DeadlockError:", e)
print("sleeper alive:", t.is_alive())
print("done")
