"""The whole idea in one run: an echo server and 1,000 clients, all micro_threads in
one OS thread, written as plain sequential socket code (no callbacks, no async).

Run:   cargo run --release -- examples/demo.py [CLIENTS] [ROUND_TRIPS]

Every client connects, sends ROUND_TRIPS messages and checks every echo. Each
blocking call (accept, connect, recv, sendall) defers only its own micro_thread.
"""

import socket
import sys
import time

import micro_thread

CLIENTS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
ROUND_TRIPS = int(sys.argv[2]) if len(sys.argv) > 2 else 100


def raise_fd_limit(needed):
    try:
        import resource
    except ImportError:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = hard if hard == resource.RLIM_INFINITY else min(hard, max(needed, soft))
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def echo(conn):
    with conn:
        while True:
            data = conn.recv(4096)
            if not data:
                return
            conn.sendall(data)


def server(listener):
    while True:
        conn, _ = listener.accept()
        micro_thread.start_and_forget(echo, conn)


def client(port, n):
    with socket.create_connection(("127.0.0.1", port)) as conn:
        for i in range(ROUND_TRIPS):
            msg = b"client %d message %d\n" % (n, i)
            conn.sendall(msg)
            got = b""
            while len(got) < len(msg):
                chunk = conn.recv(4096)
                if not chunk:
                    raise ConnectionError("server closed the connection early")
                got += chunk
            if got != msg:
                raise AssertionError("client %d got %r, sent %r" % (n, got, msg))
    return ROUND_TRIPS


def main():
    raise_fd_limit(2 * CLIENTS + 64)
    listener = socket.create_server(("127.0.0.1", 0), backlog=CLIENTS)
    port = listener.getsockname()[1]
    micro_thread.start_and_forget(server, listener)
    print("echo server on 127.0.0.1:%d; starting %d clients x %d round trips"
          % (port, CLIENTS, ROUND_TRIPS))
    start = time.perf_counter()
    clients = [micro_thread.start_in_parallel(client, port, n) for n in range(CLIENTS)]
    done = sum(c.wait() for c in clients)
    took = time.perf_counter() - start
    print("%d clients made %d round trips, every echo checked, in %.2f s: %d round trips/s"
          % (CLIENTS, done, took, done / took))
    sys.exit(0)     # the server micro_threads get MicroThreadExit and close up


if __name__ == "__main__":
    main()
