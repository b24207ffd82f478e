# expected output written by hand
# The C-level pickler calls Python code that blocks: a __reduce__ waiting on a
# micro_pipe for a value another micro_thread produces, a persistent_id that sleeps,
# a file whose write() hands every chunk to a consumer micro_thread, an Unpickler
# reading from a file-like whose read() waits on a micro_pipe, and pickle.load on a
# socket makefile fed slowly by a sender micro_thread. Each wait suspends only the
# micro_thread inside pickle; the order is fixed by the pipes, not by timing.
import io
import pickle
import socket
import time
from micro_thread import micro_pipe, start_and_forget, start_in_parallel

tickets = micro_pipe()


def ticket_office():
    for n in (101, 102):
        time.sleep(0.002)
        print("office issues", n)
        tickets.put(n)


class Ticket:
    """Pickled as the next number the office issues: __reduce__ blocks for it."""

    def __reduce__(self):
        number = next(tickets)
        return (int, (number,))


start_and_forget(ticket_office)
data = pickle.dumps([Ticket(), "sep", Ticket()], protocol=4)
print("reduce waited:", pickle.loads(data))


class SlowIds(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, str) and obj.startswith("db:"):
            time.sleep(0.001)
            return obj[3:]
        return None


class SlowLoads(pickle.Unpickler):
    def persistent_load(self, pid):
        time.sleep(0.001)
        return "row " + pid


chunks = micro_pipe()


class PipeFile:
    """write() puts each chunk on a micro_pipe (blocking until it is taken)."""

    def write(self, b):
        chunks.put(bytes(b))
        return len(b)


def reassemble():
    got = b"".join(chunks)
    print("consumer got", len(got) > 0, "bytes")
    return SlowLoads(io.BytesIO(got)).load()


reader = start_in_parallel(reassemble)
p = SlowIds(PipeFile(), protocol=2)
p.dump({"a": "db:1", "b": ["db:2", "plain"]})
print("pickler returned")
chunks.close()
print("consumer loaded:", reader.wait())

feed = micro_pipe()


class PipeReader:
    """A file whose read() waits on a micro_pipe: whole pieces, at most n bytes."""

    def __init__(self):
        self.buf = b""

    def read(self, n):
        while len(self.buf) < n:
            try:
                self.buf += next(feed)
            except StopIteration:
                break
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def readline(self):
        while b"\n" not in self.buf:
            self.buf += next(feed)
        i = self.buf.index(b"\n") + 1
        out, self.buf = self.buf[:i], self.buf[i:]
        return out


def drip(blob):
    for i in range(0, len(blob), 7):
        time.sleep(0.0005)
        feed.put(blob[i:i + 7])
    feed.close()


records = [{"id": i, "tags": ("x", "y"), "score": i / 4} for i in range(3)]
for proto in (0, 2, 5):
    blob = pickle.dumps(records, protocol=proto)
    feed = micro_pipe()
    start_and_forget(drip, blob)
    u = pickle.Unpickler(PipeReader())
    print("proto", proto, "read through a pipe:", u.load() == records)


def sender(sock, objs):
    with sock, sock.makefile("wb") as f:
        for obj in objs:
            time.sleep(0.002)
            pickle.dump(obj, f, protocol=5)
            f.flush()


left, right = socket.socketpair()
messages = [("hello", 1), {"big": b"z" * 100000}, ["bye"]]
start_and_forget(sender, left, messages)
with right, right.makefile("rb") as f:
    for _ in messages:
        msg = pickle.load(f)
        print("socket message:", type(msg).__name__, len(msg))
    try:
        pickle.load(f)
    except EOFError as e:
        print("then EOFError:", e)
