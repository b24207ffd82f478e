"""A chat server: every line a client sends goes to every other client.

Run:   cargo run --release -- examples/chat_server.py [PORT [IDLE]]  (default 8023, 300)
Try:   nc 127.0.0.1 8023     (in two terminals; type a name first, then lines)

Each client has two micro_threads: a reader that broadcasts what the client says,
and a writer that sends the client what it is told, fed by the client's micro_pipe.
A slow client's pipe fills up and holds back whoever broadcasts to it: back-pressure,
no unbounded buffers. A client that says nothing (or leaves a line unfinished) for
IDLE seconds, or takes no bytes for that long, is disconnected, so neither idle
connections nor a client that stops reading can hold the room.
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
    gone = False
    for line in pipe:
        if gone:
            continue    # keep taking lines, or broadcasters would wait forever
        try:
            conn.sendall(line)
        except OSError:
            # A reset, or a client that took nothing for too long: end its reader too.
            gone = True
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def handle(conn, idle):
    with conn:
        conn.settimeout(idle)   # each read and send waits at most `idle` seconds
        try:
            chat(conn)
        except OSError:
            pass        # a reset, or idle for too long, before joining


def chat(conn):
    f = conn.makefile("rb")
    conn.sendall(b"name? ")
    name = f.readline().strip().decode("utf-8", "replace")
    if not name or name in clients:
        conn.sendall(b"name taken or empty, bye\n")
        return
    pipe = micro_thread.micro_pipe()
    out = micro_thread.start_in_parallel(writer, conn, pipe)
    clients[name] = pipe
    try:
        conn.sendall(("welcome %s, %d here\n" % (name, len(clients))).encode())
        broadcast(("* %s joined\n" % name).encode(), name)
        for line in f:
            broadcast(("%s: " % name).encode() + line.rstrip(b"\r\n") + b"\n", name)
    except OSError:
        pass        # a reset, or idle for too long: the client is gone
    finally:
        del clients[name]
        pipe.close()
        out.wait()
    broadcast(("* %s left\n" % name).encode())


def serve(port, idle):
    server = socket.create_server(("127.0.0.1", port))
    print("chat server on 127.0.0.1:%d" % server.getsockname()[1], flush=True)
    while True:
        conn, addr = server.accept()
        micro_thread.start_and_forget(handle, conn, idle)


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 8023,
          float(sys.argv[2]) if len(sys.argv) > 2 else 300.0)
