"""HTTP/1.1 hello world with keep-alive: one micro_thread per connection.

Run:   cargo run --release -- examples/http_hello.py [PORT [IDLE]]  (default 8080, 60)
Try:   curl -v http://127.0.0.1:8080/

Each request must arrive whole within IDLE seconds of the connection opening or of
the previous response, and each response be taken within IDLE seconds: idle
keep-alive connections and clients that send half a request and stall
("slowloris") are closed instead of holding the server's memory forever.
"""

import socket
import sys
import time

import micro_thread

BODY = b"Hello, world!\n"
RESPONSE = (b"HTTP/1.1 200 OK\r\n"
            b"Content-Type: text/plain\r\n"
            b"Content-Length: %d\r\n"
            b"\r\n" % len(BODY)) + BODY
CLOSE = RESPONSE.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1)
BAD = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


def handle(conn, idle):
    with conn:
        try:
            serve_requests(conn, idle)
        except ConnectionError:
            pass        # the client reset the connection or went away
        except TimeoutError:
            pass        # idle, or too slow to send a request or take a response


def receive(conn, deadline):
    """Up to 64 KiB from conn, waiting no later than `deadline` (time.monotonic())."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("timed out")
    conn.settimeout(left)
    return conn.recv(65536)


def respond(conn, data, idle):
    conn.settimeout(idle)
    conn.sendall(data)


def serve_requests(conn, idle):
    """Answer requests on conn until the client closes or asks to close."""
    buf = b""
    deadline = time.monotonic() + idle      # for the whole of the next request
    while True:
        end = buf.find(b"\r\n\r\n")
        if end < 0:
            if len(buf) > 65536:
                respond(conn, BAD, idle)
                return
            data = receive(conn, deadline)
            if not data:
                return
            buf += data
            continue
        head = buf[:end]
        buf = buf[end + 4:]
        line_end = head.find(b"\r\n")
        parts = (head if line_end < 0 else head[:line_end]).split()
        if len(parts) != 3 or not parts[2].startswith(b"HTTP/"):
            respond(conn, BAD, idle)
            return
        low = head.lower()
        # A request body (Content-Length) is read and ignored.
        length = 0
        at = low.find(b"\r\ncontent-length:")
        if at >= 0:
            stop = low.find(b"\r\n", at + 2)
            try:
                length = int(low[at + 17:stop if stop >= 0 else len(low)])
            except ValueError:
                length = -1
            if length < 0:
                respond(conn, BAD, idle)
                return
        while len(buf) < length:
            data = receive(conn, deadline)
            if not data:
                return
            buf += data
        buf = buf[length:]
        close = False
        at = low.find(b"\r\nconnection:")
        if at >= 0:
            stop = low.find(b"\r\n", at + 2)
            close = low[at + 13:stop if stop >= 0 else len(low)].strip() == b"close"
        keep = parts[2] == b"HTTP/1.1" and not close
        respond(conn, RESPONSE if keep else CLOSE, idle)
        if not keep:
            return
        deadline = time.monotonic() + idle


def serve(port, idle):
    server = socket.create_server(("127.0.0.1", port), backlog=4096)
    print("http server listening on http://127.0.0.1:%d/" % server.getsockname()[1], flush=True)
    while True:
        conn, addr = server.accept()
        micro_thread.start_and_forget(handle, conn, idle)


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 8080,
          float(sys.argv[2]) if len(sys.argv) > 2 else 60.0)
