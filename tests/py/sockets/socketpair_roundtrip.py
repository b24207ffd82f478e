# A socketpair is a connected pair of sockets: what one side sends, the other
# receives, in order; a closed peer reads as b"".
import socket

a, b = socket.socketpair()
print("family is AF_UNIX:", a.family == socket.AF_UNIX)
print("type is SOCK_STREAM:", a.type == socket.SOCK_STREAM)
print("timeout:", a.gettimeout(), "blocking:", a.getblocking())

# A zero-byte read returns at once, with or without data waiting.
print("recv(0) with nothing sent:", b.recv(0), b.recv_into(bytearray()))
print("sent", a.send(b"ping"))
print("recv(0) with data waiting:", b.recv(0))
print("got", b.recv(100))
b.sendall(b"pong" * 3)
print("got", a.recv(5), a.recv(100))

# A message larger than one recv comes back in pieces, in order.
payload = bytes(range(256)) * 64
a.sendall(payload)
got = b""
while len(got) < len(payload):
    got += b.recv(4096)
print("16 KiB intact:", got == payload)

# recv_into fills a bytearray; nbytes limits it.
buf = bytearray(10)
a.send(b"abcdefghijkl")
n = b.recv_into(buf)
print("recv_into", n, bytes(buf))
n = b.recv_into(buf, 1)
print("recv_into nbytes=1:", n, bytes(buf[:1]))
print("rest", b.recv(100))

# MSG_PEEK leaves the data queued.
a.send(b"peekaboo")
print("peek", b.recv(4, socket.MSG_PEEK))
print("read", b.recv(100))

# bytearray and memory of bytes are accepted by send.
a.sendall(bytearray(b"from a bytearray"))
print("got", b.recv(100))

# Closing one side: the other reads what was left, then b"".
a.sendall(b"last words")
a.close()
print("after close:", b.recv(100), b.recv(100))
print("fileno after close:", a.fileno())
b.close()
print(a)
