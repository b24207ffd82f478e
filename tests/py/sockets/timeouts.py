# Timeouts: a recv nobody answers raises TimeoutError ("timed out") after the
# timeout, the socket stays usable, and the default timeout applies to new sockets.
import socket
import time

a, b = socket.socketpair()
b.settimeout(0.05)
print("gettimeout:", b.gettimeout(), "blocking:", b.getblocking())
start = time.monotonic()
try:
    b.recv(10)
except socket.timeout as e:
    waited = time.monotonic() - start
    print("TimeoutError:", e, type(e).__name__, isinstance(e, OSError))
    print("waited about the timeout:", 0.04 <= waited < 1.0)

# The socket still works after a timeout.
a.sendall(b"late but fine")
print(b.recv(100))

# accept on a listening socket nobody connects to.
server = socket.create_server(("127.0.0.1", 0))
server.settimeout(0.02)
try:
    server.accept()
except TimeoutError as e:
    print("accept:", e)

# A connected TCP socket with a timeout, through create_connection.
c = socket.create_connection(server.getsockname(), timeout=0.03)
print("create_connection timeout:", c.gettimeout())
conn, _ = server.accept()
print("accepted socket timeout:", conn.gettimeout())
try:
    c.recv(1)
except TimeoutError as e:
    print("recv:", e)
conn.sendall(b"x")
print(c.recv(1))

# makefile readline under a timeout.
f = c.makefile("rb")
try:
    f.readline()
except TimeoutError as e:
    print("readline:", e)

# setblocking and settimeout are two views of one setting.
b.setblocking(True)
print(b.gettimeout(), b.getblocking())
b.settimeout(None)
print(b.gettimeout(), b.getblocking())
b.settimeout(2)
print(b.gettimeout(), b.getblocking())
b.settimeout(0)
print(b.gettimeout(), b.getblocking())
b.setblocking(True)
print(b.gettimeout(), b.getblocking())

# A socket made with SOCK_NONBLOCK starts non-blocking.
n = socket.socket(socket.AF_INET, socket.SOCK_STREAM | socket.SOCK_NONBLOCK)
print("SOCK_NONBLOCK:", n.gettimeout(), n.getblocking(), n.type == socket.SOCK_STREAM)
n.close()

# The default timeout.
print("default:", socket.getdefaulttimeout())
socket.setdefaulttimeout(0.25)
s = socket.socket()
print("new socket:", s.gettimeout(), socket.getdefaulttimeout())
socket.setdefaulttimeout(None)
print("after reset:", socket.socket().gettimeout())
for sock in (a, b, c, conn, server, s):
    sock.close()
