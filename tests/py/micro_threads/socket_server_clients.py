# expected output written by hand
# A server micro_thread and client micro_threads in one script: every blocking
# accept/connect/recv/sendall defers only its own micro_thread. The clients wait for
# their turn on a micro_pipe, so the printed order is fixed.
import socket
import time
from micro_thread import start_and_forget, start_in_parallel, micro_pipe

listener = socket.create_server(("127.0.0.1", 0))
address = listener.getsockname()
served = []


def handle(conn, n):
    with conn:
        while True:
            line = conn.recv(1024)
            if not line:
                served.append(n)
                return
            conn.sendall(b"%d:" % n + line.upper())


def server():
    n = 0
    while True:
        conn, _ = listener.accept()
        start_and_forget(handle, conn, n)
        n += 1


def client(name, turn, done):
    with socket.create_connection(address) as s:
        next(turn)                    # wait for our turn
        s.sendall(name.encode())
        reply = s.recv(1024).decode()
        print(name, "got", reply.split(":", 1)[1])
        done.put(name)
        next(turn)
        s.sendall(b"bye " + name.encode())
        print(name, "got", s.recv(1024).decode().split(":", 1)[1])
    done.put(name)
    return len(reply)


start_and_forget(server)
turns = [micro_pipe() for _ in range(3)]
done = micro_pipe()
threads = [start_in_parallel(client, name, turn, done)
           for name, turn in zip(["ann", "bob", "cy"], turns)]
for turn in turns + turns[::-1]:
    turn.put("go")
    print("main: finished", next(done))
print("reply lengths", [t.wait() for t in threads])
time.sleep(0.01)                      # the handlers see end of file
print("connections served:", sorted(served))
listener.close()
