# expected output written by hand
# micro_pipes: a one-value buffer (the writer waits for the reader), close() ends
# the reader's loop, a reader's close() ends the writer silently after its finally
# blocks, a writer's exception is raised in the reader, and a pipe is an iterator.
import time
from micro_thread import micro_pipe, start_and_forget, generate, MicroThreadExit


def writer(pipe, n):
    for i in range(n):
        print("put", i)
        pipe.put(i)
    pipe.close()
    print("writer closed")


p = micro_pipe()
start_and_forget(writer, p, 3)
time.sleep(0.01)             # the writer put 0, then waits to put 1
print("reading")
for v in p:
    print("got", v)
print("after loop", list(p))


def endless():
    try:
        i = 0
        while True:
            put(i)
            i += 1
    finally:
        print("endless: finally runs, it stopped at", i)


q = generate(endless)
print(next(q), next(q), next(q))
q.close()                    # the reader is done: the writer's next put ends it
time.sleep(0.01)


def failing():
    put("first")
    raise KeyError("lost")


r = generate(failing)
print(next(r))
try:
    next(r)
except KeyError as e:
    print("KeyError in the reader:", e)

s = micro_pipe()
start_and_forget(lambda: s.take_from("abc") or s.close())
print(list(s), repr(s).startswith("<micro_pipe #"))
print(issubclass(MicroThreadExit, BaseException), issubclass(MicroThreadExit, Exception))
