# Counters in a shared file updated by several processes under a
# multiprocessing.Lock (read-modify-write: without the lock, updates are lost),
# a Semaphore handing out tickets between processes, an Event and a Condition as
# start signals, and the errors of RLock and BoundedSemaphore.
import multiprocessing as mp
import os
import tempfile

ROUNDS = 150


def bump(lock, path, rounds):
    for _ in range(rounds):
        with lock:
            with open(path) as f:
                n = int(f.read())
            with open(path, "w") as f:
                f.write(str(n + 1))


def take_tickets(sem, out, n):
    got = 0
    for _ in range(n):
        sem.acquire()
        got += 1
    out.send(got)


def wait_for_go(event, cond, out):
    out.send("waiting")
    event.wait(30)
    with cond:
        cond.wait_for(lambda: True, 30)
    out.send("went")


def hold(lock, ready, release):
    with lock:
        ready.set()
        release.wait(30)


if __name__ == "__main__":
    ctx = mp.get_context("fork")
    fd, path = tempfile.mkstemp()
    os.write(fd, b"0")
    os.close(fd)
    lock = ctx.Lock()
    workers = [ctx.Process(target=bump, args=(lock, path, ROUNDS)) for _ in range(3)]
    for w in workers:
        w.start()
    bump(lock, path, ROUNDS)
    for w in workers:
        w.join(60)
    with open(path) as f:
        print("counter", f.read(), "expected", 4 * ROUNDS)
    os.unlink(path)

    sem = ctx.Semaphore(0)
    r, w = ctx.Pipe(duplex=False)
    p = ctx.Process(target=take_tickets, args=(sem, w, 5))
    p.start()
    for _ in range(5):
        sem.release()
    print("tickets taken", r.recv())
    p.join(30)
    print("semaphore value", sem.get_value())

    event, cond = ctx.Event(), ctx.Condition()
    p = ctx.Process(target=wait_for_go, args=(event, cond, w))
    p.start()
    print(r.recv())
    event.set()
    print(r.recv(), "exit", p.join(30) or p.exitcode)

    # A lock held by another process: a timed acquire gives up.
    ready, release = ctx.Event(), ctx.Event()
    p = ctx.Process(target=hold, args=(lock, ready, release))
    p.start()
    ready.wait(30)
    print("acquire while held:", lock.acquire(timeout=0.05), lock.acquire(False))
    release.set()
    p.join(30)
    print("acquire after:", lock.acquire(timeout=30))
    lock.release()

    rlock = ctx.RLock()
    with rlock:
        with rlock:
            print("rlock nested", rlock)
    try:
        rlock.release()
    except AssertionError as e:
        print("AssertionError:", e)
    b = ctx.BoundedSemaphore(1)
    try:
        b.release()
    except ValueError as e:
        print("ValueError:", e)
    print(ctx.Lock(), ctx.Semaphore(3))
