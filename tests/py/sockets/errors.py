# The error paths of a socket program: each is an ordinary Python exception with
# CPython's type and message.
import errno
import socket


def attempt(what, f, *args):
    try:
        result = f(*args)
    except Exception as e:
        print("%s: %s: %s" % (what, type(e).__name__, e))
    else:
        print("%s: returned %r" % (what, result))


# A port nobody listens on: grab a free one, then close it.
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
free_port = probe.getsockname()[1]
probe.close()

s = socket.socket()
try:
    s.connect(("127.0.0.1", free_port))
except ConnectionRefusedError as e:
    print("refused:", e.errno == errno.ECONNREFUSED, e.strerror, isinstance(e, OSError))
s.close()
s = socket.socket()
print("connect_ex is ECONNREFUSED:", s.connect_ex(("127.0.0.1", free_port)) == errno.ECONNREFUSED)
s.close()
attempt("create_connection", socket.create_connection, ("127.0.0.1", free_port))

# Retrying connect on the same socket until the server is up.
s = socket.socket()
for attempt_no in range(1, 4):
    if attempt_no == 3:
        late_server = socket.create_server(("127.0.0.1", free_port))
    err = s.connect_ex(("127.0.0.1", free_port))
    print("attempt %d: %s" % (attempt_no, errno.errorcode.get(err, err)))
print("connected:", s.getpeername() == late_server.getsockname())
s.close()
late_server.close()

s = socket.socket()
attempt("port too big", s.connect, ("127.0.0.1", 65536))
attempt("negative port", s.bind, ("127.0.0.1", -1))
attempt("address not a tuple", s.connect, "127.0.0.1:80")
attempt("tuple too short", s.connect, ("127.0.0.1",))
attempt("port not an int", s.connect, ("127.0.0.1", "80"))
attempt("host not a str", s.connect, (127, 80))
attempt("bad host", s.bind, ("256.256.256.256", 0))
attempt("negative recv", s.recv, -1)
attempt("send str", s.send, "text")
attempt("sendall None", s.sendall, None)
attempt("bad shutdown", s.shutdown, 7)
attempt("negative timeout", s.settimeout, -1)
attempt("timeout of a str", s.settimeout, "1")
attempt("recv before connect", s.recv, 10)
attempt("getpeername before connect", s.getpeername)
s.close()

# Everything on a closed socket is EBADF, except close (idempotent) and fileno.
for name, args in [("recv", (1,)), ("send", (b"x",)), ("sendall", (b"x",)),
                   ("connect", (("127.0.0.1", 80),)), ("bind", (("127.0.0.1", 0),)),
                   ("listen", ()), ("accept", ()), ("getsockname", ()),
                   ("shutdown", (socket.SHUT_RDWR,))]:
    attempt("closed " + name, getattr(s, name), *args)
attempt("close again", s.close)
attempt("fileno", s.fileno)

# Binding an address in use.
a = socket.socket()
a.bind(("127.0.0.1", 0))
a.listen()
b = socket.socket()
try:
    b.bind(a.getsockname())
except OSError as e:
    print("in use:", e.errno == errno.EADDRINUSE, e.strerror)
attempt("listen on a UDP socket", socket.socket(socket.AF_INET, socket.SOCK_DGRAM).listen)
a.close()
b.close()

# A peer that resets the connection.
server = socket.create_server(("127.0.0.1", 0))
c = socket.create_connection(server.getsockname())
conn, _ = server.accept()
c.sendall(b"unread data")
conn.close()              # unread data: the kernel answers with a reset
try:
    print(c.recv(10))
except ConnectionResetError as e:
    print("reset:", e.errno == errno.ECONNRESET, e.strerror)
c.close()
server.close()
