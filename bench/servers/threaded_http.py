"""Thread-per-connection HTTP/1.1 keep-alive hello world (peer). Usage: threaded_http.py PORT"""
import socket
import sys
import threading

RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nHello world\n"


def handle(conn):
    buf = b""
    with conn:
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
