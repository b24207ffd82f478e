# A pipe watcher: it watches worker pipes with select.select (as raw descriptors and
# as objects with fileno()), drops a worker whose pipe was closed under it
# (EBADF), and keeps a selectors.PollSelector and a select.poll object over the
# same pipes.
import errno
import os
import select
import selectors


class Worker:
    def __init__(self, name):
        self.name = name
        self.r, self.w = os.pipe()

    def fileno(self):
        return self.r

    def __repr__(self):
        return "Worker(%s)" % self.name


workers = [Worker(n) for n in ("a", "b", "c")]
os.write(workers[1].w, b"hello")
r, w, x = select.select(workers, [], [], 0)
print("readable", r, "writable", len(select.select([], [wk.w for wk in workers], [], 0)[1]))
print("from a generator", select.select((wk for wk in workers), [], [], 0)[0])

# A watcher whose fileno() drops workers from the list it is in.
watch = list(workers)


class Dropping(Worker):
    def fileno(self):
        del watch[-1]
        return workers[1].r


watch[:] = [Dropping("d")] * 6
print("mutated", len(select.select(watch, [], [], 0)[0]), len(watch))

# A closed pipe is EBADF.
dead = Worker("dead")
os.close(dead.r)
try:
    select.select([dead], [], [], 0)
except OSError as e:
    print("closed:", errno.errorcode[e.errno])

p = select.poll()
p.register(workers[1], select.POLLIN)
print("poll", [(fd == workers[1].r, ev & select.POLLIN) for fd, ev in p.poll(0)])
try:
    type(p)()
except TypeError as e:
    print(e)
sel = selectors.PollSelector()
sel.register(workers[1], selectors.EVENT_READ, "b")
print("selector", [(k.data, ev) for k, ev in sel.select(0)])
sel.close()
