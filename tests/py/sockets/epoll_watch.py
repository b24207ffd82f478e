# A connection watcher on select.epoll: registers socket pairs, reports which
# became readable or writable (level-triggered, edge-triggered and one-shot),
# modifies and unregisters them, and shows epoll's errors as CPython raises them.
import select
import socket

pairs = [socket.socketpair() for _ in range(3)]
names = {}
for i, (a, b) in enumerate(pairs):
    names[a.fileno()] = "a%d" % i
    names[b.fileno()] = "b%d" % i


def show(label, events):
    out = []
    for fd, ev in sorted(events, key=lambda e: names[e[0]]):
        flags = [n for n in ("EPOLLIN", "EPOLLOUT", "EPOLLHUP", "EPOLLRDHUP") if ev & getattr(select, n)]
        out.append("%s:%s" % (names[fd], "|".join(flags)))
    print(label, out)


with select.epoll() as ep:
    print("closed?", ep.closed, "fileno is int:", isinstance(ep.fileno(), int))
    for a, _ in pairs:
        ep.register(a, select.EPOLLIN)
    show("nothing yet:", ep.poll(0))
    pairs[1][1].send(b"hello")
    pairs[2][1].send(b"x")
    show("two readable:", ep.poll(1))
    show("still (level):", ep.poll(0))
    pairs[2][0].recv(10)
    show("one read:", ep.poll(0.01))
    ep.modify(pairs[0][0], select.EPOLLIN | select.EPOLLOUT)
    show("writable too:", ep.poll(0, 10))
    print("maxevents=1 gives", len(ep.poll(0, 1)), "event")
    ep.unregister(pairs[0][0])
    ep.modify(pairs[1][0], select.EPOLLIN | select.EPOLLET)
    show("edge, first:", ep.poll(0))
    show("edge, again:", ep.poll(0))
    pairs[1][1].send(b"more")
    show("edge, new data:", ep.poll(0))
    ep.modify(pairs[2][0], select.EPOLLIN | select.EPOLLONESHOT)
    pairs[2][1].send(b"y")
    show("oneshot:", ep.poll(0))
    pairs[2][1].send(b"z")
    show("oneshot disarmed:", ep.poll(0))
    pairs[1][1].close()
    ep.modify(pairs[1][0], select.EPOLLIN | select.EPOLLRDHUP)
    show("peer closed:", ep.poll(0))
    clone = select.epoll.fromfd(ep.fileno())
    print("fromfd shares:", clone.fileno() == ep.fileno(), type(clone).__name__)

print("closed after with:", ep.closed)
checks = [
    ("epoll(0)", lambda: select.epoll(0)),
    ("epoll(-5)", lambda: select.epoll(-5)),
    ("epoll(flags=3)", lambda: select.epoll(flags=3)),
    ("poll on closed", lambda: ep.poll()),
    ("register on closed", lambda: ep.register(pairs[0][0])),
    ("fileno on closed", lambda: ep.fileno()),
    ("enter closed", lambda: ep.__enter__()),
]
ep2 = select.epoll(sizehint=16, flags=select.EPOLL_CLOEXEC)
checks += [
    ("register twice", lambda: [ep2.register(pairs[0][0]), ep2.register(pairs[0][0])]),
    ("modify unknown", lambda: ep2.modify(pairs[2][0], select.EPOLLIN)),
    ("unregister unknown", lambda: ep2.unregister(pairs[2][0])),
    ("negative fd", lambda: ep2.register(-1)),
    ("not a file", lambda: ep2.register("x")),
    ("bad timeout", lambda: ep2.poll("soon")),
    ("bad maxevents", lambda: ep2.poll(0, 0)),
    ("negative timeout", lambda: ep2.poll(-1, 5) is not None),
]
for label, f in checks:
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, "->", type(e).__name__, e)
ep2.close()
print("close twice:", ep2.close(), ep.close())
print([n for n in dir(select) if n.startswith("EPOLL")])
print(select.EPOLLET, select.EPOLLONESHOT, select.EPOLLEXCLUSIVE, select.EPOLL_CLOEXEC)
for a, b in pairs:
    a.close()
    b.close()
