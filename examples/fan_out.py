"""A client that talks to many servers at once with parallel_map.

Run:   cargo run --release -- examples/fan_out.py [HOST:PORT ...]

With no addresses it starts 20 small "price" servers of its own (micro_threads on
ephemeral ports, each answering after its own delay), then asks all of them at once:
the whole fan-out takes as long as the slowest server, not the sum.
"""

import socket
import sys
import time

import micro_thread


def price_server(sock, price, delay):
    while True:
        conn, _ = sock.accept()
        with conn:
            item = conn.recv(1024).strip()
            time.sleep(delay)        # a slow backend: defers only this micro_thread
            conn.sendall(b"%s %d\n" % (item, price))


def ask(address):
    host, port = address
    with socket.create_connection((host, port), timeout=5) as conn:
        conn.sendall(b"widget\n")
        f = conn.makefile("rb")
        return f.readline().decode().strip()


def main(argv):
    if argv:
        addresses = [(a.rsplit(":", 1)[0], int(a.rsplit(":", 1)[1])) for a in argv]
    else:
        addresses = []
        for i in range(20):
            s = socket.create_server(("127.0.0.1", 0))
            micro_thread.start_and_forget(price_server, s, 100 + 7 * i, 0.05 + 0.01 * (i % 5))
            addresses.append(s.getsockname())
    start = time.perf_counter()
    answers = micro_thread.parallel_map(ask, addresses)
    took = time.perf_counter() - start
    for (host, port), answer in zip(addresses, answers):
        print("%s:%d -> %s" % (host, port, answer))
    best = min(answers, key=lambda a: int(a.split()[1]))
    print("asked %d servers in %.2f s; cheapest: %s" % (len(addresses), took, best))
    if not argv:
        sys.exit(0)      # ends the price servers (they get MicroThreadExit)


if __name__ == "__main__":
    main(sys.argv[1:])
