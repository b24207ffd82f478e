# expected output written by hand
# No hangs: when nothing can ever run again, the stuck micro_threads get
# DeadlockError (a RuntimeError) naming what each one waits on.
from micro_thread import micro_pipe, start_in_parallel, DeadlockError

print(issubclass(DeadlockError, RuntimeError))
try:
    next(micro_pipe())
except DeadlockError as e:
    print("DeadlockError:", e)


def wait_for(pipe):
    return next(pipe)


a, b = micro_pipe(), micro_pipe()
t = start_in_parallel(wait_for, a)
try:
    t.wait()
except DeadlockError as e:
    print("main:", e)
try:
    t.wait()
except DeadlockError as e:
    print("the thread:", e)
next(b)
