# expected output written by hand
# select.select from several micro_threads at once: each waits on its own sockets
# and wakes when one of them is readable, while the others go on waiting.
import select
import socket
import time
from micro_thread import start_in_parallel

pairs = [socket.socketpair() for _ in range(4)]


def watcher(name, socks):
    seen = []
    while socks:
        readable, _, _ = select.select(socks, [], [])
        for s in readable:
            data = s.recv(100)
            print(name, "woke for", data.decode())
            seen.append(data)
            socks = [x for x in socks if x is not s]
    return name + " saw " + ", ".join(sorted(d.decode() for d in seen))


left = start_in_parallel(watcher, "left", [pairs[0][1], pairs[1][1]])
right = start_in_parallel(watcher, "right", [pairs[2][1], pairs[3][1]])
for i in [3, 0, 2, 1]:
    time.sleep(0.01)
    pairs[i][0].sendall(b"pair %d" % i)
print(left.wait())
print(right.wait())


# A select with a timeout returns empty lists in its micro_thread; a sleeper
# elsewhere is not held up.
def sleeper():
    time.sleep(0.01)
    print("sleeper done")


def idle():
    r = select.select([pairs[0][1]], [], [], 0.03)
    print("idle select returned", r)


t1 = start_in_parallel(idle)
t2 = start_in_parallel(sleeper)
t1.wait()
t2.wait()

# Writable at once: a fresh socket can be written.
print("writable:", select.select([], [pairs[0][0]], [], 0)[1] == [pairs[0][0]])
for a, b in pairs:
    a.close()
    b.close()
