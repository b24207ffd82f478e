"""A chat server: every line a client sends goes to every other client.

Run:   cargo run --release -- examples/chat_server.py [PORT]      (default 8023)
Try:   nc 127.0.0.1 8023     (in two terminals; type a name first, then lines)

Each client has two micro_threads: a reader that broadcasts what the client says,
and a writer that sends the client what it is told, fed by the client's micro_pipe.
A slow client's pipe fills up and holds back whoever broadcasts to it: back-pressure,
no unbounded buffers.
"""

import socket
import sys

import micro_thread

clients = {}   # name -> micro_pipe feeding that client's writer


def broadcast(line, sender=None):
    for name, pipe in list(clients.items()):
        if name != sender:
            try:
                pipe.put(line)
            except ValueError:
                pass        # that client just left: its pipe is closed


def writer(conn, pipe):
    for line in pipe:
        try:
            conn.sendall(line)
        except OSError:
            pass        # a reset: keep taking lines, or broadcasters would wait forever


def handle(conn):
    with conn:
        f = conn.makefile("rb")
        conn.sendall(b"name? ")
        name = f.readline().strip().decode("utf-8", "replace")
        if not name or name in clients:
            conn.sendall(b"name taken or empty, bye\n")
            return
        pipe = micro_thread.micro_pipe()
        out = micro_thread.start_in_parallel(writer, conn, pipe)
        clients[name] = pipe
        conn.sendall(("welcome %s, %d here\n" % (name, len(clients))).encode())
        broadcast(("* %s joined\n" % name).encode(), name)
        try:
            for line in f:
                broadcast(("%s: " % name).encode() + line.rstrip(b"\r\n") + b"\n", name)
        except OSError:
            pass        # a reset: the client is gone
        finally:
            del clients[name]
            pipe.close()
            out.wait()
        broadcast(("* %s left\n" % name).encode())


def serve(port):
    server = socket.create_server(("127.0.0.1", port))
    print("chat server on 127.0.0.1:%d" % server.getsockname()[1], flush=True)
    while True:
        conn, addr = server.accept()
        micro_thread.start_and_forget(handle, conn)


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 8023)
