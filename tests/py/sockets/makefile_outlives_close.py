# A file from makefile() keeps its socket open after socket.close() (as
# http.client relies on): the descriptor closes when the last of them closes.
import socket

a, b = socket.socketpair()
f = b.makefile("rb")
b.close()
print("socket says closed:", b.fileno() == -1)
a.sendall(b"status line\nbody\n")
print(f.readline())
a.close()
print(f.read())
f.close()

# Two files over one socket: it closes with the last one.
c, d = socket.socketpair()
r = d.makefile("rb")
w = d.makefile("wb")
d.close()
w.write(b"via the writer\n")
w.flush()
w.close()
print(c.recv(100))
c.sendall(b"still readable\n")
print(r.readline())
r.close()
print("peer sees end of file:", c.recv(100))
c.close()

# A file dropped without close() gives its share back too.
e, g = socket.socketpair()
f = g.makefile("rb")
g.close()
print(repr(g).replace("fd=%d" % g.fileno(), "fd=N"))
del f
print("after the file is gone:", g.fileno(), e.recv(10))
print(g)


def handler(conn):
    with conn:
        f = conn.makefile("rb")
        return f.readline()


h, k = socket.socketpair()
h.sendall(b"request\n")
print(handler(k))
print("handler's socket closed with its file:", h.recv(10))

# makefile() on a closed socket makes a file that fails when used.
dead = socket.socket()
dead.close()
f = dead.makefile("rb")
try:
    f.read(1)
except OSError as err:
    print("OSError:", err)
h.close()
e.close()
