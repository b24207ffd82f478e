# expected output written by hand
# A makefile() reader in a micro_thread turns a socket's lines into a micro_pipe of
# parsed records; the writer micro_thread sends lines slowly, with pauses inside
# lines, and the consumer sees whole lines in order.
import socket
import time
from micro_thread import generate, start_in_parallel

a, b = socket.socketpair()


def lines_of(sock):
    with sock.makefile("r", encoding="utf-8") as f:
        for line in f:
            put(line.rstrip("\n").split(","))
    print("reader: end of file")


def slow_writer(sock):
    with sock:
        for part in ["name,qty\nwid", "get,3\ngad", "get,", "12\nbolt,7", "00\n", "nut,1\n"]:
            sock.sendall(part.encode())
            time.sleep(0.005)
    return "writer closed"


w = start_in_parallel(slow_writer, a)
records = generate(lines_of, b)
header = next(records)
print("header", header)
total = 0
for name, qty in records:
    print("%-6s %4d" % (name, int(qty)))
    total += int(qty)
print("total", total)
print(w.wait())
print("b closed by the reader:", b.fileno() == -1)
