"""HTTP/1.1 hello world with keep-alive: one micro_thread per connection.

Run:   cargo run --release -- examples/http_hello.py [PORT]      (default 8080)
Try:   curl -v http://127.0.0.1:8080/
"""

import socket
import sys

import micro_thread

BODY = b"Hello, world!\n"
RESPONSE = (b"HTTP/1.1 200 OK\r\n"
            b"Content-Type: text/plain\r\n"
            b"Content-Length: %d\r\n"
            b"\r\n" % len(BODY)) + BODY
CLOSE = RESPONSE.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n", 1)
BAD = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


def handle(conn):
    with conn:
        buf = b""
        while True:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                if len(buf) > 65536:
                    conn.sendall(BAD)
                    return
                data = conn.recv(65536)
                if not data:
                    return
                buf += data
                continue
            head = buf[:end].decode("latin-1")
            buf = buf[end + 4:]
            lines = head.split("\r\n")
            parts = lines[0].split()
            if len(parts) != 3 or not parts[2].startswith("HTTP/"):
                conn.sendall(BAD)
                return
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            # Skip a request body, if any.
            length = int(headers.get("content-length", "0") or "0")
            while len(buf) < length:
                data = conn.recv(65536)
                if not data:
                    return
                buf += data
            buf = buf[length:]
            keep = headers.get("connection", "").lower() != "close" and parts[2] == "HTTP/1.1"
            conn.sendall(RESPONSE if keep else CLOSE)
            if not keep:
                return


def serve(port):
    server = socket.create_server(("127.0.0.1", port), backlog=4096)
    print("http server listening on http://127.0.0.1:%d/" % server.getsockname()[1], flush=True)
    while True:
        conn, addr = server.accept()
        micro_thread.start_and_forget(handle, conn)


if __name__ == "__main__":
    serve(int(sys.argv[1]) if len(sys.argv) > 1 else 8080)
