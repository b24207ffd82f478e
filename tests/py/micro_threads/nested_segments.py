# expected output written by hand
# Micro-threads in an OS thread with a small stack nest natives calling Python
# (a __repr__ calling repr() on its child) 150 deep, past the end of their worker
# stacks (the nesting goes on in new segments), and are suspended at the bottom
# (a sleep, a pipe read) while the others run: each resumes where it was and
# unwinds through all its segments.
import threading
import time
from micro_thread import start_in_parallel, micro_pipe


class Leaf:
    def __init__(self, tag, wait):
        self.tag = tag
        self.wait = wait

    def __repr__(self):
        return self.wait(self.tag)


class Node:
    def __init__(self, child):
        self.child = child

    def __repr__(self):
        return "(" + repr(self.child) + ")"


def chain(depth, leaf):
    x = leaf
    for _ in range(depth):
        x = Node(x)
    return x


def nest(depth, tag, out):
    def wait(tag):
        time.sleep(0.01 * (1 + "abc".index(tag)))
        out.append(tag)
        return tag
    text = repr(chain(depth, Leaf(tag, wait)))
    return len(text), text[depth - 1: depth + 2]


def reader(pipe, depth, got):
    def wait(tag):
        got.append(next(pipe))
        return tag
    return len(repr(chain(depth, Leaf("r", wait))))


def work():
    out = []
    ts = [start_in_parallel(nest, 150, t, out) for t in "cab"]
    print([t.wait() for t in ts], sorted(out))
    pipe = micro_pipe()
    got = []
    r = start_in_parallel(reader, pipe, 150, got)
    w = start_in_parallel(lambda: [pipe.put(i) for i in (7, 8)] and pipe.close())
    w.wait()
    print("reader returned", r.wait(), "after reading", got)
    # The OS thread's first micro-thread nests too, suspended at the bottom while
    # a micro-thread it started runs.
    mine = []
    helper = start_in_parallel(lambda: mine.append("helper"))
    print(nest(150, "b", mine), mine, helper.wait())


threading.stack_size(256 * 1024)
t = threading.Thread(target=work)
t.start()
t.join()
work()
