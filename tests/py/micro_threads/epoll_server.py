# expected output written by hand
# A key-value server: one micro_thread runs an event loop over
# selectors.EpollSelector (now selectors.DefaultSelector) on 127.0.0.1, serving
# several client micro_threads at once; its epoll.poll() defers only its own
# micro_thread (a ticker keeps running while it waits), and a poll with a
# timeout returns an empty list when nothing happens.
import select
import selectors
import socket
import time
from micro_thread import start_in_parallel

print("default selector:", selectors.DefaultSelector.__name__)
sel = selectors.EpollSelector()
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(16)
listener.setblocking(False)
port = listener.getsockname()[1]
store = {}
stats = {"accepted": 0, "commands": 0, "idle_polls": 0}


def handle(cmd):
    op, _, rest = cmd.partition(" ")
    if op == "SET":
        key, _, value = rest.partition("=")
        store[key] = value
        return "OK"
    if op == "GET":
        return store.get(rest, "(nil)")
    if op == "KEYS":
        return ",".join(sorted(store))
    return "ERR unknown " + op


def serve(expected_clients):
    sel.register(listener, selectors.EVENT_READ, None)
    buffers = {}
    finished = 0
    while finished < expected_clients:
        events = sel.select(timeout=0.5)
        if not events:
            stats["idle_polls"] += 1
        for key, mask in events:
            if key.data is None:
                conn, _ = listener.accept()
                conn.setblocking(False)
                sel.register(conn, selectors.EVENT_READ, "client")
                buffers[conn] = b""
                stats["accepted"] += 1
                continue
            conn = key.fileobj
            data = conn.recv(4096)
            if not data:
                sel.unregister(conn)
                conn.close()
                finished += 1
                continue
            buffers[conn] += data
            while b"\n" in buffers[conn]:
                line, _, buffers[conn] = buffers[conn].partition(b"\n")
                stats["commands"] += 1
                conn.sendall(handle(line.decode()).encode() + b"\n")
    sel.unregister(listener)
    return "server done"


def client(name, commands):
    s = socket.create_connection(("127.0.0.1", port))
    f = s.makefile("rb")
    replies = []
    for c in commands:
        s.sendall(c.encode() + b"\n")
        replies.append(f.readline().decode().strip())
    f.close()
    s.close()
    return name, replies


def ticker():
    for i in range(3):
        time.sleep(0.01)
        print("tick", i)


# The server waits in epoll while the ticker runs.
server = start_in_parallel(serve, 4)
tick = start_in_parallel(ticker)
tick.wait()
clients = [
    start_in_parallel(client, "c%d" % i, ["SET k%d=v%d" % (i, i), "GET k%d" % i, "GET missing"])
    for i in range(3)
]
results = sorted(c.wait() for c in clients)
for name, replies in results:
    print(name, replies)
last = start_in_parallel(client, "last", ["KEYS", "GET k1", "NOPE"])
print(last.wait())
print(server.wait())
print("accepted", stats["accepted"], "commands", stats["commands"])
sel.close()
listener.close()

# epoll directly: a timeout with nothing ready, then a socketpair made readable
# by another micro_thread while poll() waits.
ep = select.epoll()
a, b = socket.socketpair()
ep.register(a.fileno(), select.EPOLLIN)
t0 = time.monotonic()
print("empty poll:", ep.poll(0.02), time.monotonic() - t0 >= 0.015)


def writer():
    time.sleep(0.01)
    print("writer sends")
    b.send(b"ping")


w = start_in_parallel(writer)
ready = ep.poll(5)
print("poll woke:", [(fd == a.fileno(), ev == select.EPOLLIN) for fd, ev in ready], a.recv(10))
w.wait()
ep.close()
print("closed:", ep.closed)
a.close()
b.close()
