# Finalizers that block: a generator closed when dropped whose `finally` waits (a
# sleep, a round trip to a server micro_thread), a `__del__` that hands its last
# record to a server, weakref callbacks that wait. Each waits inside its own
# micro_thread only; the values are what sequential Python computes.
import weakref

from mtcompat import ask, nap, pause, spawn

flushed = []


def batches(name, n):
    buf = []
    try:
        for i in range(n):
            buf.append(f"{name}{i}")
            if len(buf) == 2:
                yield list(buf)
                buf.clear()
    finally:
        pause()  # a blocking wait inside the finally of a dropped generator
        flushed.append((name, ask(len(buf))))


def first_batch(name):
    for b in batches(name, 5):
        return b


class Session:
    closed = []

    def __init__(self, user):
        self.user = user

    def __del__(self):
        nap()
        Session.closed.append(ask(self.user))


def serve(user):
    s = Session(user)
    return f"served {s.user}"


def watch(user):
    log = []
    s = Session(user + "-w")
    r = weakref.ref(s, lambda ref: log.append(ask("cb")))
    del s
    return log, r()


threads = [spawn(first_batch, n) for n in ("a", "b", "c")]
threads += [spawn(serve, u) for u in ("ann", "bob")]
threads.append(spawn(watch, "cy"))
for t in threads:
    print(t.wait())
print(sorted(flushed))
print(sorted(Session.closed))
