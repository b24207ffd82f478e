# expected output written by hand
# A peer that resets its connection (SO_LINGER 0, then close) raises
# ConnectionResetError in the one micro_thread reading from it; the server and
# its other connections go on.
import socket
import struct
import time
from micro_thread import start_and_forget, start_in_parallel, micro_pipe

listener = socket.create_server(("127.0.0.1", 0))
events = micro_pipe()


def handle(conn):
    with conn:
        try:
            while True:
                data = conn.recv(100)
                if not data:
                    events.put("handler: end of file")
                    return
                conn.sendall(data)
        except ConnectionResetError as e:
            events.put("handler: ConnectionResetError: %s" % e.strerror)


def server():
    while True:
        conn, _ = listener.accept()
        start_and_forget(handle, conn)


start_and_forget(server)
rude = socket.create_connection(listener.getsockname())
rude.sendall(b"hello")
print("rude got", rude.recv(100))
rude.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
rude.close()
print(next(events))

polite = socket.create_connection(listener.getsockname())
polite.sendall(b"still serving")
print("polite got", polite.recv(100))
polite.shutdown(socket.SHUT_WR)
print(next(events))
print("polite reads", polite.recv(100))
polite.close()
listener.close()
