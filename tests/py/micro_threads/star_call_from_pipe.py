# expected output written by hand
# A call's `*args` and `**options` read from a micro_pipe and a generator that block
# on it: the caller waits for the producer, and the call gets every item.
import micro_thread
from micro_thread import micro_pipe


def batch(*items, **options):
    return f"batch {list(items)} {sorted(options.items())}"


def producer(pipe, items):
    for item in items:
        pipe.put(item)
    pipe.close()


def pairs(pipe):
    for key in pipe:
        yield key, len(key)


jobs = micro_pipe()
micro_thread.start_and_forget(producer, jobs, ["resize", "upload", "notify"])
print(batch(*jobs, priority=1))

keys = micro_pipe()
micro_thread.start_and_forget(producer, keys, ["alpha", "be"])
print(batch(0, **dict(pairs(keys))))

empty = micro_pipe()
micro_thread.start_and_forget(producer, empty, [])
print(batch(*empty))
