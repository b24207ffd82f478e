# A request/response protocol of pickled frames over a socket pair: each frame is a
# 4-byte big-endian length and a pickle; the client asks for a protocol in its hello,
# the server answers every request in that protocol, and a final stream of messages
# is read back with pickle.load from the socket's makefile.
import pickle
import socket
import struct
from collections import namedtuple

Request = namedtuple("Request", "seq op args")
Reply = namedtuple("Reply", "seq ok value")


def send_frame(sock, obj, protocol):
    data = pickle.dumps(obj, protocol)
    sock.sendall(struct.pack(">I", len(data)) + data)
    return len(data)


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError("peer closed")
        buf += chunk
    return buf


def recv_frame(sock):
    (n,) = struct.unpack(">I", recv_exact(sock, 4))
    return pickle.loads(recv_exact(sock, n))


class Server:
    def __init__(self, sock):
        self.sock = sock
        self.protocol = 0
        self.store = {}

    def handle_one(self):
        msg = recv_frame(self.sock)
        if isinstance(msg, tuple) and msg[0] == "hello":
            self.protocol = msg[1]
            return send_frame(self.sock, ("welcome", self.protocol), self.protocol)
        try:
            value = getattr(self, "op_" + msg.op)(*msg.args)
            reply = Reply(msg.seq, True, value)
        except Exception as e:
            reply = Reply(msg.seq, False, e)
        return send_frame(self.sock, reply, self.protocol)

    def op_put(self, key, value):
        self.store[key] = value
        return len(self.store)

    def op_get(self, key):
        return self.store[key]

    def op_items(self):
        return sorted(self.store.items())


for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    a, b = socket.socketpair()
    server = Server(b)
    sizes = []
    send_frame(a, ("hello", proto), 2)
    sizes.append(server.handle_one())
    print("proto", proto, recv_frame(a))
    requests = [
        Request(1, "put", ("alpha", {"n": 1, "tags": {"x"}})),
        Request(2, "put", ("beta", [b"\x00" * 10, 2.5, 10**30])),
        Request(3, "get", ("alpha",)),
        Request(4, "get", ("missing",)),
        Request(5, "items", ()),
    ]
    for req in requests:
        send_frame(a, req, proto)
        sizes.append(server.handle_one())
        reply = recv_frame(a)
        value = reply.value
        if isinstance(value, Exception):
            value = "%s(%r)" % (type(value).__name__, value.args[0])
        print("  ", reply.seq, reply.ok, value)
    print("   frame sizes", sizes)
    a.close()
    b.close()

a, b = socket.socketpair()
with a.makefile("wb") as w:
    for i in range(3):
        pickle.dump(Request(i, "note", ("x" * i,)), w, protocol=5)
a.close()
with b.makefile("rb") as r:
    while True:
        try:
            print("streamed", pickle.load(r))
        except EOFError as e:
            print("end of stream:", e)
            break
b.close()
