# Length-prefixed messages over a stream: the receiver must reassemble frames that
# arrive split and glued together, whatever the chunking of recv.
import json
import socket
import struct


def send_msg(sock, obj):
    body = json.dumps(obj, sort_keys=True).encode()
    sock.sendall(struct.pack("!I", len(body)) + body)


def recv_exactly(sock, n):
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(min(n - len(data), 7))     # small reads on purpose
        if not chunk:
            raise ConnectionError("peer closed after %d of %d bytes" % (len(data), n))
        data += chunk
    return bytes(data)


def recv_msg(sock):
    header = sock.recv(4, socket.MSG_WAITALL)
    if not header:
        return None
    if len(header) < 4:
        header += recv_exactly(sock, 4 - len(header))
    (size,) = struct.unpack("!I", header)
    return json.loads(recv_exactly(sock, size))


a, b = socket.socketpair()
messages = [{"op": "add", "args": [1, 2]},
            {"op": "concat", "args": ["ab", "cd"]},
            {"op": "big", "args": list(range(2000))},
            {"op": "empty", "args": []}]
for m in messages:
    send_msg(a, m)
a.shutdown(socket.SHUT_WR)

while True:
    m = recv_msg(b)
    if m is None:
        print("end of stream")
        break
    args = m["args"]
    if m["op"] == "add":
        print("add ->", sum(args))
    elif m["op"] == "concat":
        print("concat ->", "".join(args))
    else:
        print(m["op"], "-> %d args, sum %d" % (len(args), sum(args)))

# A frame cut short by the peer is an error, not a hang.
c, d = socket.socketpair()
c.sendall(struct.pack("!I", 100) + b"only part of it")
c.close()
try:
    recv_msg(d)
except ConnectionError as e:
    print("ConnectionError:", e)
for s in (a, b, d):
    s.close()
