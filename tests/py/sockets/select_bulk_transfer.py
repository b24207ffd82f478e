# One thread moves 2 MiB through a loopback connection with select(): it writes
# when the sender is writable and reads when the receiver is readable, so neither
# side ever blocks, and the bytes arrive complete and in order.
import select
import socket

payload = b"".join(b"%08d" % i for i in range(262144))    # 2 MiB
print("payload", len(payload), payload[:16], payload[-8:])

server = socket.create_server(("127.0.0.1", 0))
sender = socket.create_connection(server.getsockname())
receiver, _ = server.accept()
server.close()
sender.setblocking(False)
receiver.setblocking(False)

sent = 0
received = bytearray()
rounds = 0
while len(received) < len(payload):
    rounds += 1
    want_write = [sender] if sent < len(payload) else []
    readable, writable, _ = select.select([receiver], want_write, [], 5)
    if not readable and not writable:
        print("stalled")
        break
    if writable:
        n = sender.send(payload[sent:sent + 65536])
        sent += n
        if sent == len(payload):
            sender.shutdown(socket.SHUT_WR)
    if readable:
        received += receiver.recv(65536)

print("sent", sent, "received", len(received))
print("identical:", bytes(received) == payload)
print("several rounds:", rounds > 4)
receiver.setblocking(True)
print("then end of stream:", receiver.recv(10))
sender.close()
receiver.close()
