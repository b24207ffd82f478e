# expected output written by hand
# iter(callable, sentinel) whose callable waits: a micro_thread reads a socket
# with iter(partial(conn.recv, 5), b'') while the peer sends in pieces, and
# another drains a micro_pipe through a function that returns None at the end; both are
# suspended inside the callable and resumed where they were.
import functools
import socket
import time
from micro_thread import start_in_parallel, micro_pipe

a, b = socket.socketpair()


def receiver():
    pieces = list(iter(functools.partial(a.recv, 5), b""))
    return [len(p) for p in pieces], b"".join(pieces)


def sender():
    for word in (b"hello ", b"micro ", b"threads"):
        b.sendall(word)
        time.sleep(0.01)
    b.close()


r = start_in_parallel(receiver)
s = start_in_parallel(sender)
s.wait()
sizes, text = r.wait()
print(sum(sizes), text)

pipe = micro_pipe()


def take():
    item = next(pipe)
    return None if item == "stop" else item


def consumer():
    return [x.upper() for x in iter(take, None)]


c = start_in_parallel(consumer)
for word in ("alpha", "beta", "gamma", "stop"):
    time.sleep(0.005)
    pipe.put(word)
print(c.wait())
a.close()
