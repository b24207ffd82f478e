# Half-close: a client sends its whole request and shuts down its writing side;
# the server reads to end of file (b""), answers, and the client reads the answer.
import socket

server = socket.create_server(("127.0.0.1", 0))
client = socket.create_connection(server.getsockname())
conn, _ = server.accept()

client.sendall(b"3 1 4 1 5 9 2 6")
client.shutdown(socket.SHUT_WR)

request = b""
while True:
    chunk = conn.recv(4)
    if not chunk:
        break
    request += chunk
print("server read to EOF:", request)
numbers = [int(n) for n in request.split()]
conn.sendall(b"sum=%d max=%d" % (sum(numbers), max(numbers)))
print("reading again after EOF:", conn.recv(10))
conn.close()

reply = b""
while True:
    chunk = client.recv(1024)
    if not chunk:
        break
    reply += chunk
print("client got:", reply)

# Sending after shutting down the writing side is a broken pipe.
try:
    client.send(b"more")
except BrokenPipeError as e:
    print("BrokenPipeError:", e)
client.close()

# SHUT_RD ends this socket's reads only; it can still write.
a, b = socket.socketpair()
a.shutdown(socket.SHUT_RD)
print("after SHUT_RD:", a.recv(10))
a.sendall(b"still writing")
print("peer reads:", b.recv(100))
a.shutdown(socket.SHUT_RDWR)
print("after SHUT_RDWR peer reads:", b.recv(100))
a.close()
b.close()
server.close()
