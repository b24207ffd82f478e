# Socket options: set them, read them back (as ints, or as raw bytes with a buffer
# length), SO_LINGER as a packed struct, and the options a socket reports itself.
import socket
import struct

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
print("SO_TYPE stream:", s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_STREAM)
print("SO_ERROR:", s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR))

for level, name, opt in [(socket.SOL_SOCKET, "SO_REUSEADDR", socket.SO_REUSEADDR),
                         (socket.SOL_SOCKET, "SO_KEEPALIVE", socket.SO_KEEPALIVE),
                         (socket.IPPROTO_TCP, "TCP_NODELAY", socket.TCP_NODELAY)]:
    before = s.getsockopt(level, opt)
    s.setsockopt(level, opt, 1)
    on = s.getsockopt(level, opt) != 0
    s.setsockopt(level, opt, 0)
    off = s.getsockopt(level, opt)
    print("%s: default %d, set -> %s, cleared -> %d" % (name, before, on, off))

s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, True)
raw = s.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 4)
print("as bytes:", len(raw), struct.unpack("i", raw)[0] != 0)
# A buffer length is at most 1 KiB; the option comes back at its own size, or cut.
for buflen in (0, 1, 2, 1024, 1025, -1, 2**31 - 1):
    try:
        raw = s.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, buflen)
        print("buflen %d:" % buflen, type(raw).__name__, len(raw) if isinstance(raw, bytes) else raw != 0)
    except OSError as e:
        print("buflen %d:" % buflen, type(e).__name__, e)

print("linger off:", struct.unpack("ii", s.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8)))
s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
print("linger on:", struct.unpack("ii", s.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8)))
s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 5))
print("linger 5:", struct.unpack("ii", s.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8)))

s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
print("SO_RCVBUF at least asked:", s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF) >= 65536)

u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print("SO_TYPE dgram:", u.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_DGRAM)
print("broadcast:", u.getsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST))
u.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
print("broadcast:", u.getsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST))
u.close()

# A server socket and the socket it accepts.
server = socket.create_server(("127.0.0.1", 0))
print("server reuses addresses:", server.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()
client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
print("client nodelay:", client.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0)
for sock in (client, conn, server, s):
    sock.close()
try:
    s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE)
except OSError as e:
    print("closed:", e)
