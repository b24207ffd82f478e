# A single-threaded echo server on selectors with non-blocking sockets, and its
# clients in the same event loop: accept, read, write back, close. Also what a
# non-blocking socket raises when nothing is ready.
import errno
import selectors
import socket

sel = selectors.DefaultSelector()
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen()
server.setblocking(False)
port = server.getsockname()[1]
print("server blocking:", server.getblocking(), "timeout:", server.gettimeout())

# Nothing to accept yet.
try:
    server.accept()
except BlockingIOError as e:
    print("accept:", type(e).__name__, e.errno == errno.EAGAIN, e)

log = []


class Conn:
    """One side of a connection the loop drives."""

    def __init__(self, sock, name, to_send=b""):
        self.sock = sock
        self.name = name
        self.outbox = to_send
        self.inbox = b""
        self.closed = False


def on_accept(key):
    conn, _addr = server.accept()
    conn.setblocking(False)
    c = Conn(conn, "server-side")
    sel.register(conn, selectors.EVENT_READ, (on_echo_read, c))
    log.append("accepted")


def on_echo_read(key):
    c = key.data[1]
    try:
        data = c.sock.recv(4)
    except BlockingIOError:
        log.append("server: spurious wakeup")
        return
    if not data:
        sel.unregister(c.sock)
        c.sock.close()
        log.append("server: client left")
        return
    c.outbox += data.upper()
    sel.modify(c.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, (on_echo_rw, c))


def on_echo_rw(key, mask=None):
    c = key.data[1]
    if mask & selectors.EVENT_WRITE and c.outbox:
        n = c.sock.send(c.outbox)
        c.outbox = c.outbox[n:]
    if not c.outbox:
        sel.modify(c.sock, selectors.EVENT_READ, (on_echo_read, c))
    if mask & selectors.EVENT_READ:
        on_echo_read(key)


def on_client(key, mask=None):
    c = key.data[1]
    if mask & selectors.EVENT_WRITE and c.outbox:
        n = c.sock.send(c.outbox)
        c.outbox = c.outbox[n:]
        if not c.outbox:
            sel.modify(c.sock, selectors.EVENT_READ, (on_client, c))
    if mask & selectors.EVENT_READ:
        try:
            data = c.sock.recv(1024)
        except BlockingIOError:
            return
        c.inbox += data
        if len(c.inbox) == c.expected:
            log.append(f"{c.name} got {c.inbox!r}")
            sel.unregister(c.sock)
            c.sock.close()
            c.closed = True


sel.register(server, selectors.EVENT_READ, (lambda key, mask=None: on_accept(key), None))

clients = []
for i, msg in enumerate([b"hello", b"non-blocking", b"echo"]):
    s = socket.socket()
    s.setblocking(False)
    rc = s.connect_ex(("127.0.0.1", port))
    print("connect_ex:", rc in (0, errno.EINPROGRESS))
    c = Conn(s, f"client{i}", msg)
    c.expected = len(msg)
    clients.append(c)

# A read on a client before anything was sent raises at once.
try:
    clients[0].sock.recv(10)
except BlockingIOError as e:
    print("recv:", e)

for c in clients:
    sel.register(c.sock, selectors.EVENT_WRITE, (on_client, c))

rounds = 0
while not all(c.closed for c in clients) and rounds < 1000:
    rounds += 1
    for key, mask in sel.select(timeout=5):
        handler = key.data[0]
        if handler is on_echo_read:
            handler(key)
        else:
            handler(key, mask)

# Let the server see its clients leave.
while log.count("server: client left") < 3 and rounds < 2000:
    rounds += 1
    for key, mask in sel.select(timeout=5):
        handler = key.data[0]
        if handler is on_echo_read:
            handler(key)
        else:
            handler(key, mask)

for line in sorted(log):
    print(line)

# connect on a non-blocking socket: in progress (or done at once on loopback).
s = socket.socket()
s.setblocking(False)
try:
    s.connect(("127.0.0.1", port))
    print("connect: done at once")
except BlockingIOError as e:
    print("connect:", e)
s.close()

# settimeout(0) is non-blocking too; settimeout(None) blocking again.
a, b = socket.socketpair()
a.settimeout(0)
try:
    a.recv(1)
except BlockingIOError as e:
    print("timeout 0:", e.errno, e.strerror)
a.settimeout(None)
b.sendall(b"x")
print("blocking again:", a.recv(1), a.getblocking())
a.close()
b.close()
sel.unregister(server)
server.close()
sel.close()
print("done")
