# expected output written by hand
# timeout(seconds) raises TimeoutError in a block still suspended when the time is
# up (and nothing after it ends); atomic() turns a switch inside into RuntimeError;
# a thread killed or timed out while it waits on a pipe gives its place back, so the
# next value goes to the next reader.
import time
from micro_thread import (timeout, atomic, micro_pipe, start_and_forget,
                          start_in_parallel, MicroThreadExit)

try:
    with timeout(0.01):
        time.sleep(1)
    print("not reached")
except TimeoutError as e:
    print("TimeoutError:", e)

with timeout(0.05):
    time.sleep(0.001)
print("block ended in time")
time.sleep(0.06)             # the cancelled timer must not fire now
print("no late timeout")

with atomic():
    print("atomic, no switch needed")
try:
    with atomic():
        time.sleep(0)
except RuntimeError as e:
    print("RuntimeError:", e)

p = micro_pipe()


def reader(tag):
    try:
        print(tag, "read", next(p))
    except MicroThreadExit:
        print(tag, "killed while waiting")
        raise


first = start_in_parallel(reader, "first")
time.sleep(0.001)            # `first` now waits on the pipe
first.kill()
time.sleep(0.001)
second = start_in_parallel(reader, "second")
time.sleep(0.001)
p.put("hello")               # goes to `second`, not to the killed thread
second.wait()
try:
    with timeout(0.005):
        next(p)
except TimeoutError:
    print("read timed out")
p.put("again")
print("main reads", next(p))
