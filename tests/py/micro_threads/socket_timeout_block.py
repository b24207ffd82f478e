# expected output written by hand
# micro_thread.timeout() around recv and accept: TimeoutError is raised at the
# blocking call when the time is up, in that micro_thread only; a block that
# finishes in time is not disturbed later.
import socket
import time
from micro_thread import timeout, start_in_parallel

a, b = socket.socketpair()
try:
    with timeout(0.02):
        b.recv(10)
    print("not reached")
except TimeoutError as e:
    print("recv: TimeoutError", e)

def late_sender():
    time.sleep(0.01)
    a.sendall(b"quick")


start_in_parallel(late_sender)
with timeout(0.5):
    print("recv in time:", b.recv(10))
time.sleep(0.01)
print("no late timeout")

listener = socket.create_server(("127.0.0.1", 0))
try:
    with timeout(0.02):
        listener.accept()
except TimeoutError:
    print("accept timed out")

# The socket's own timeout and the block's: whichever comes first.
b.settimeout(0.01)
try:
    with timeout(1):
        b.recv(10)
except TimeoutError as e:
    print("socket timeout first:", e)
b.settimeout(1)
try:
    with timeout(0.01):
        b.recv(10)
except TimeoutError as e:
    print("block timeout first:", e)
a.sendall(b"still works")
print(b.recv(100))
for s in (a, b, listener):
    s.close()
