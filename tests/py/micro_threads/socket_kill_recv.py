# expected output written by hand
# thread.kill() of a micro_thread blocked in recv: MicroThreadExit is raised where
# it waits, its finally runs (closing its socket), and the data sent afterwards is
# left for whoever reads next.
import socket
import time
from micro_thread import start_in_parallel, MicroThreadExit

a, b = socket.socketpair()


def reader(sock):
    try:
        print("reader: waiting")
        data = sock.recv(100)
        print("reader: got", data)
    except MicroThreadExit:
        print("reader: killed while in recv")
        raise
    finally:
        print("reader: finally runs")


t = start_in_parallel(reader, b)
time.sleep(0.01)
t.kill()
try:
    t.wait()
except MicroThreadExit:
    print("main: wait() re-raised MicroThreadExit")
a.sendall(b"after the kill")
print("main reads", b.recv(100))

# A killed reader that owns its socket closes it in a with block; the peer sees EOF.
c, d = socket.socketpair()


def owner(sock):
    with sock:
        try:
            sock.recv(100)
        finally:
            print("owner: finally, socket closing")


t = start_in_parallel(owner, d)
time.sleep(0.01)
t.kill()
try:
    t.wait()
except MicroThreadExit:
    pass
print("peer sees end of file:", c.recv(100))
print("owner's socket closed:", d.fileno() == -1)
for s in (a, b, c):
    s.close()
