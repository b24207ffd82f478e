# expected output written by hand
# CPython's own Lib/socket.py on pyvm's native _socket: a line-protocol key-value
# server (socket.create_server, one micro_thread per connection reading and writing
# through makefile('rwb')) and clients in micro_threads; a ticker keeps running while
# every readline waits, so only the waiting micro_thread is deferred. Then what the
# standard library adds around _socket.socket: IntEnum families, CPython's repr, the
# makefile that keeps the descriptor open, socketpair, a subclass with a method of
# its own, timeouts and non-blocking mode.
import re
import socket
import time

import _socket
from micro_thread import start_in_parallel

print("module:", socket.socket.__module__, socket.socket.__mro__[1])
print("SocketType is _socket.socket:", socket.SocketType is _socket.socket)
print("AF_INET:", repr(socket.AF_INET), socket.AF_INET == 2, type(socket.AF_INET).__name__)
print("SOCK_STREAM:", repr(socket.SOCK_STREAM), str(socket.SOCK_STREAM))


def shape(sock):
    """repr() with the descriptor and port numbers taken out."""
    r = re.sub(r"fd=\d+", "fd=N", repr(sock))
    return re.sub(r"(127\.0\.0\.1', )\d+", r"\1PORT", r)


store = {}
ticks = [0]
running = [True]


def ticker():
    while running[0]:
        ticks[0] += 1
        time.sleep(0.001)


def handle(conn):
    # One micro_thread per connection: readline() defers only this one.
    with conn, conn.makefile("rwb") as f:
        for raw in f:
            cmd, _, rest = raw.decode().strip().partition(" ")
            if cmd == "SET":
                key, _, value = rest.partition("=")
                store[key] = value
                reply = "OK"
            elif cmd == "GET":
                reply = store.get(rest, "(nil)")
            elif cmd == "QUIT":
                f.write(b"BYE\n")
                f.flush()
                return
            else:
                reply = "ERR " + cmd
            f.write(reply.encode() + b"\n")
            f.flush()


def serve(server, n):
    for _ in range(n):
        conn, addr = server.accept()
        start_in_parallel(handle, conn)
    server.close()
    return "server done"


def client(port, name, commands):
    with socket.create_connection(("127.0.0.1", port)) as s:
        f = s.makefile("rwb")
        replies = []
        for c in commands:
            f.write(c.encode() + b"\n")
            f.flush()
            time.sleep(0.002)
            replies.append(f.readline().decode().strip())
        f.close()
    return name, replies


server = socket.create_server(("127.0.0.1", 0))
print("server:", shape(server))
print("server family:", repr(server.family), server.family.name, "type:", repr(server.type))
port = server.getsockname()[1]
tick = start_in_parallel(ticker)
srv = start_in_parallel(serve, server, 3)
clients = [
    start_in_parallel(client, port, "c%d" % i,
                      ["SET k%d=v%d" % (i, i), "GET k%d" % i, "GET nope", "PING", "QUIT"])
    for i in range(3)
]
for c in clients:
    print(*c.wait())
print(srv.wait())
running[0] = False
tick.wait()
print("ticker ran while readline waited:", ticks[0] > 5)
print("store:", sorted(store.items()))

# accept() gives a socket.socket around the descriptor _socket's _accept returned.
server = socket.create_server(("127.0.0.1", 0))
port = server.getsockname()[1]
c = socket.create_connection(("127.0.0.1", port))
s, addr = server.accept()
print("accepted:", type(s).__name__, repr(s.family), repr(s.type), s.gettimeout())
print("accepted repr:", shape(s).replace("raddr=('127.0.0.1', %d)" % addr[1], "raddr=(...)"))

# A file from makefile() keeps the descriptor open after close(), until it closes.
f = c.makefile("rb")
c.close()
print("after close:", c._closed, c._io_refs, c.fileno() >= 0)
s.sendall(b"still readable\n")
print("file reads:", f.readline())
f.close()
print("after file close:", c.fileno(), shape(c))

s.close()
server.close()

# Timeouts and non-blocking mode through the standard library's class.
s, peer = socket.socketpair()
s.settimeout(0.02)
try:
    s.recv(10)
except TimeoutError as e:
    print("TimeoutError:", e)
s.setblocking(False)
try:
    s.recv(10)
except BlockingIOError as e:
    print("BlockingIOError errno", e.errno)
print("blocking:", s.getblocking(), "timeout:", s.gettimeout())
s.close()
peer.close()

# socketpair: two connected socket.socket objects (AF_UNIX).
a, b = socket.socketpair()
print("pair:", type(a).__name__, repr(a.family), shape(a))
with a, b:
    a.sendall(b"ping")
    print("pair recv:", b.recv(10))
    b.sendall(b"pong")
    buf = bytearray(8)
    n = a.recv_into(buf)
    print("pair recv_into:", n, bytes(buf[:n]))
print("pair closed:", shape(a))


# A subclass of socket.socket with a method of its own; dup() keeps the class.
class LineSocket(socket.socket):
    def send_line(self, text):
        self.sendall(text.encode() + b"\n")
        return len(text)

    def describe(self):
        return "%s over %s" % (type(self).__name__, self.family.name)


a, b = socket.socketpair()
x = LineSocket(a.family, a.type, a.proto, fileno=a.detach())
print("subclass:", x.describe(), x.send_line("hello"), b.recv(10))
y = x.dup()
print("dup:", type(y).__name__, y.fileno() != x.fileno(), y.send_line("again"), b.recv(10))
print("subclass repr:", shape(y).split(" fd=")[0])
for sock in (x, y, b):
    sock.close()
print("closed:", x._closed, x.fileno())
