# A socket the parent has already waited on (so its reactor watches it) goes on
# working in a forked child: the child waits on it again, then the parent sends.
# The parent's own waits are not disturbed by the child's.
import os
import socket
import sys
import threading
import time

a, b = socket.socketpair()


def send_later(sock, data, delay):
    time.sleep(delay)
    sock.sendall(data)


t = threading.Thread(target=send_later, args=(b, b"hello", 0.05))
t.start()
print("parent got", a.recv(10))      # waits: the parent's reactor watches a
t.join()

sys.stdout.flush()
pid = os.fork()
if pid == 0:
    data = a.recv(10)               # waits in the child's own reactor
    a.sendall(data.upper())
    os._exit(0 if data == b"to child" else 1)

time.sleep(0.05)                     # the child is waiting by now (most likely)
b.sendall(b"to child")
b.settimeout(10)
print("child answered", b.recv(10))
_, status = os.waitpid(pid, 0)
print("child exit code", os.waitstatus_to_exitcode(status))

# The parent waits on the same socket again after the fork.
t = threading.Thread(target=send_later, args=(b, b"again", 0.02))
t.start()
print("parent got", a.recv(10))
t.join()
