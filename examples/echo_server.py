"""An echo server: one micro_thread per connection, written as plain sequential code.

Run:   cargo run --release -- examples/echo_server.py [PORT]      (default 8007)
Try:   printf 'hello\n' | nc -q1 127.0.0.1 8007
"""

import socket
import sys

import micro_thread


def handle(conn):
    # Every recv/sendall here defers only this micro_thread: the others keep going.
    with conn:
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                conn.sendall(data)
        except ConnectionError:
            pass        # the client reset the connection or went away: nothing to echo


def serve(port):
    server = socket.create_server(("127.0.0.1", port), backlog=4096)
    print("echo server listening on 127.0.0.1:%d" % server.getsockname()[1], flush=True)
    while True:
        conn, addr = server.accept()
        micro_thread.start_and_forget(handle, conn)


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 8007)
