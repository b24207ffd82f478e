# expected output written by hand
# settimeout expiring in one micro_thread while the others keep running: the
# waiting recv raises TimeoutError in its own micro_thread only, and the counter
# micro_thread ticks all along.
import socket
import time
from micro_thread import start_in_parallel

a, b = socket.socketpair()
ticks = []


def counter():
    for i in range(5):
        time.sleep(0.04)
        ticks.append(i)
    return "counter done"


def impatient():
    b.settimeout(0.1)
    try:
        b.recv(10)
    except TimeoutError as e:
        return "impatient: %s after %d ticks" % (e, len(ticks))


t1 = start_in_parallel(counter)
t2 = start_in_parallel(impatient)
print(t2.wait())
print(t1.wait(), ticks)

# The socket is fine after the timeout; a recv in time returns the data.
def patient():
    return b.recv(10)


t3 = start_in_parallel(patient)
time.sleep(0.005)
a.sendall(b"in time")
print("patient got", t3.wait())
print("timeout is still", b.gettimeout())
a.close()
b.close()
