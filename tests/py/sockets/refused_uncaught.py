# A client whose server is not there: the uncaught ConnectionRefusedError ends
# the program with a traceback and exit status 1; the with block closes the socket.
import socket

probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()


def fetch(port):
    with socket.socket() as s:
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        return s.recv(1024)


print("connecting to a closed port")
fetch(port)
print("not reached")
