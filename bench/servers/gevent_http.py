"""gevent HTTP/1.1 keep-alive hello world (peer). Usage: gevent_http.py PORT"""
import sys

from gevent.server import StreamServer

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nHello world\n"


def handle(conn, _addr):
    buf = b""
    while True:
        while b"\r\n\r\n" not in buf:
            try:
                data = conn.recv(65536)
            except ConnectionError:
                return
            if not data:
                return
            buf += data
        _, buf = buf.split(b"\r\n\r\n", 1)
        conn.sendall(RESPONSE)


if __name__ == "__main__":
    StreamServer(("127.0.0.1", int(sys.argv[1])), handle, backlog=4096).serve_forever()
