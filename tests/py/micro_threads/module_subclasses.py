# expected output written by hand
# Subclasses of module types with constructors crossing micro_threads: workers
# park in get() of a queue.SimpleQueue subclass until the main micro_thread
# puts work, and array.array subclass instances travel through a micro_pipe
# and a generator with their class and attributes intact.
import array
import queue
from micro_thread import micro_pipe, start_in_parallel


class Jobs(queue.SimpleQueue):
    def __init__(self, name):
        self.name = name
        self.taken = 0

    def take(self):
        job = super().get()
        self.taken += 1
        return job


class Frame(array.array):
    def __new__(cls, seq, values):
        self = super().__new__(cls, "h", values)
        self.seq = seq
        return self


jobs, done = Jobs("in"), Jobs("out")


def worker(n):
    while (job := jobs.take()) is not None:
        done.put(Frame(job, [job * 10, n]))


workers = [start_in_parallel(worker, n) for n in (1, 2)]
for j in range(4):
    jobs.put(j)
for _ in workers:
    jobs.put(None)
frames = sorted((done.get() for _ in range(4)), key=lambda f: f.seq)
for w in workers:
    w.wait()
print(jobs.name, jobs.taken, done.qsize(), [type(f).__name__ for f in frames])
print([f[0] for f in frames], [f.seq for f in frames], {len(f) for f in frames})

pipe = micro_pipe()


def producer():
    for i in range(3):
        pipe.put(Frame(i, range(i)))
    pipe.close()


def checked(source):
    for f in source:
        yield f.seq, f, isinstance(f, array.array)


start_in_parallel(producer)
for seq, f, ok in checked(pipe):
    print(seq, f, ok)
