"""Thread-per-connection echo server (peer). Usage: threaded_echo.py PORT"""
import socket
import sys
import threading


def handle(conn):
    with conn:
        while True:
            try:
                data = conn.recv(65536)
            except ConnectionError:
                return
            if not data:
                return
            conn.sendall(data)


def main(port):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(4096)
    while True:
        conn, _ = srv.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    main(int(sys.argv[1]))
