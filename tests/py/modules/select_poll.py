# A log multiplexer: several producers write into pipes, and one loop polls the
# read ends with select.poll(), draining whichever has data.
import os
import select


class Channel:
    def __init__(self, name):
        self.name = name
        self.r, self.w = os.pipe()

    def fileno(self):
        return self.r


def describe(events, names):
    out = []
    for fd, mask in sorted(events, key=lambda e: names[e[0]]):
        flags = [f for f in ("POLLIN", "POLLPRI", "POLLOUT") if mask & getattr(select, f)]
        out.append("%s:%s" % (names[fd], "|".join(flags)))
    return out


channels = [Channel("app"), Channel("db"), Channel("cache")]
names = {c.r: c.name for c in channels}
poller = select.poll()
for c in channels:
    poller.register(c, select.POLLIN)
print("idle:", describe(poller.poll(0), names))
print("idle with timeout:", describe(poller.poll(30), names))

os.write(channels[1].w, b"db: slow query\n")
os.write(channels[2].w, b"cache: miss\n")
for round_no in range(2):
    ready = poller.poll(100)
    print("round", round_no, describe(ready, names))
    for fd, _ in ready:
        print("   ", names[fd], os.read(fd, 100))
    os.write(channels[0].w, b"app: started\n")

# The write ends are writable; modify() changes what is asked of a descriptor.
writer = channels[0].w
names[writer] = "app-writer"
poller.register(writer, select.POLLOUT)
print("with writer:", describe(poller.poll(0), names))
poller.modify(writer, select.POLLIN)
print("writer asked for input:", describe(poller.poll(0), names))
poller.unregister(writer)
poller.unregister(channels[0])
print("after unregister:", describe(poller.poll(0), names))

for bad in [lambda: poller.unregister(writer), lambda: poller.modify(writer, select.POLLIN),
            lambda: poller.register("app"), lambda: poller.register(-3),
            lambda: poller.poll("soon")]:
    try:
        bad()
    except (KeyError, OSError, TypeError, ValueError) as e:
        print(type(e).__name__, "the writer" if e.args == (writer,) else e)

print(select.POLLIN, select.POLLPRI, select.POLLOUT, select.POLLERR, select.POLLHUP, select.POLLNVAL)
for c in channels:
    os.close(c.r)
    os.close(c.w)

# Timeouts past a C int of milliseconds are refused, not waited for.
for bad in (2147483648, -2**40, float("nan"), "soon"):
    try:
        poller.poll(bad)
    except (OverflowError, ValueError, TypeError) as e:
        print("poll(%r):" % (bad,), type(e).__name__, e)
