"""gevent echo server (peer): sequential code on greenlets. Usage: gevent_echo.py PORT"""
import sys

from gevent.server import StreamServer


def handle(conn, _addr):
    while True:
        try:
            data = conn.recv(65536)
        except ConnectionError:
            return
        if not data:
            return
        conn.sendall(data)


if __name__ == "__main__":
    StreamServer(("127.0.0.1", int(sys.argv[1])), handle, backlog=4096).serve_forever()
