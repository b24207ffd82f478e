"""An echo server: one micro_thread per connection, written as plain sequential code.

Run:   cargo run --release -- examples/echo_server.py [PORT [IDLE]]  (default 8007, 60)
Try:   printf 'hello\n' | nc -q1 127.0.0.1 8007

A connection that sends nothing for IDLE seconds, or does not read its echo back
for that long, is closed: idle clients cannot pile up and hold the server's memory.
"""

import socket
import sys

import micro_thread


def handle(conn, idle):
    # Every recv/sendall here defers only this micro_thread: the others keep going.
    with conn:
        conn.settimeout(idle)   # each recv and sendall waits at most `idle` seconds
        try:
            while True:
                data = conn.recv(65536)
                if not data:
                    return
                conn.sendall(data)
        except ConnectionError:
            pass        # the client reset the connection or went away: nothing to echo
        except TimeoutError:
            pass        # idle for too long: close


def serve(port, idle):
    server = socket.create_server(("127.0.0.1", port), backlog=4096)
    print("echo server listening on 127.0.0.1:%d" % server.getsockname()[1], flush=True)
    while True:
        conn, addr = server.accept()
        micro_thread.start_and_forget(handle, conn, idle)


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 8007,
          float(sys.argv[2]) if len(sys.argv) > 2 else 60.0)
