# An echo server driven by select.select in one thread: it serves several clients
# at once, each sending lines at its own pace, and notices each one leaving.
import select
import socket

server = socket.create_server(("127.0.0.1", 0))
server.setblocking(False)
port = server.getsockname()[1]

clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
conns = {}          # server-side socket -> client number
log = []


def serve_once(timeout=0.5):
    readable, _, _ = select.select([server] + list(conns), [], [], timeout)
    for s in readable:
        if s is server:
            conn, _ = server.accept()
            conns[conn] = len(conns)
            log.append("accepted client %d" % conns[conn])
            continue
        data = s.recv(1024)
        if data:
            s.sendall(data.upper())
        else:
            log.append("client %d left" % conns.pop(s))
            s.close()
    return len(readable)


while len(conns) < 3:
    serve_once()

for round in range(3):
    for n, c in enumerate(clients):
        if round == 1 and n == 1:
            continue        # client 1 skips a round
        c.sendall(b"client %d round %d\n" % (n, round))
    want = 3 if round != 1 else 2
    answers = []
    while len(answers) < want:
        serve_once()
        ready, _, _ = select.select(clients, [], [], 0)
        for c in ready:
            answers.append(c.recv(1024).decode().strip())
    print(" | ".join(sorted(answers)))

clients[2].close()
while len(conns) > 2:
    serve_once()
for c in clients[:2]:
    c.close()
while conns:
    serve_once()
print("\n".join(sorted(log)))
print("nothing ready:", select.select([server], [], [], 0.01))
# Any iterable will do for the three lists; anything else is a TypeError.
a, b = socket.socketpair()
b.sendall(b"x")
r, w, x = select.select((s for s in [a, b]), {b: 1}, frozenset(), 0)
print("from a generator:", r == [a], "from a dict:", w == [b], x)
for bad in [None, 3, [object()], [-1]]:
    try:
        select.select(bad, [], [], 0)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
a.close()
b.close()
server.close()
