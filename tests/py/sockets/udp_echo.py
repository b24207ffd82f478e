# UDP on the loopback: datagrams keep their boundaries, recvfrom tells who sent
# each, and an echo goes back to that address.
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind(("127.0.0.1", 0))
addr = server.getsockname()
print("server host:", addr[0], "port > 0:", addr[1] > 0)

client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
client.settimeout(2)
for msg in [b"one", b"two two", b"", b"x" * 1000]:
    print("sent", client.sendto(msg, addr))

for _ in range(4):
    data, sender = server.recvfrom(2048)
    print("server got %d bytes from 127.0.0.1: %s" % (len(data), sender[0] == "127.0.0.1"))
    server.sendto(data[::-1], sender)

for _ in range(4):
    data, sender = client.recvfrom(2048)
    print("reply", data[:20], "from server:", sender == addr)

# MSG_PEEK reads a datagram and leaves it queued.
client.sendto(b"look twice", addr)
data, sender = server.recvfrom(100, socket.MSG_PEEK)
print("peeked", data, "from the client:", sender[1] == client.getsockname()[1])
print("then read", server.recvfrom(100)[0])

# A datagram larger than the buffer is cut to the buffer size.
client.sendto(b"abcdefghij", addr)
data, _ = server.recvfrom(4)
print("truncated:", data)

# A connected UDP socket uses send/recv.
client.connect(addr)
client.send(b"connected")
data, sender = server.recvfrom(100)
server.sendto(b"ack " + data, sender)
print(client.recv(100))
print("peer is server:", client.getpeername() == addr)
client.close()
server.close()
