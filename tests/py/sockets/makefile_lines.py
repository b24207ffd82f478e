# A line protocol over a socket through makefile(): a text file for one side and a
# binary one for the other, with readline, iteration, read(n) and flush.
import socket

a, b = socket.socketpair()
wa = a.makefile("w", encoding="utf-8", newline="")
rb = b.makefile("rb")

wa.write("HELLO client\n")
wa.write("NUMBERS 1 2 3\n")
wa.write("UNICODE caf\u00e9 \u2603\n")
wa.flush()
print(rb.readline())
print(rb.readline())
line = rb.readline()
print(line, len(line))
print(line.decode("utf-8").split()[1])

# A binary writer and a text reader the other way round.
wb = b.makefile("wb")
ra = a.makefile("r", encoding="utf-8")
wb.write(b"first line\r\n")
wb.write(b"second line\n")
print("write returns", wb.write(b"no newline yet"))
wb.flush()
b.shutdown(socket.SHUT_WR)
for line in ra:
    print(repr(line))
print("at end:", repr(ra.readline()))

# read(n) and read() on a binary reader.
c, d = socket.socketpair()
wc = c.makefile("wb")
wc.write(b"HEADER:5\n12345TRAILER")
wc.close()
c.close()
rd = d.makefile("rb")
header = rd.readline()
size = int(header.split(b":")[1])
print("body", rd.read(size))
print("rest", rd.read())
print("eof", rd.read(), rd.readline())

# readline with a size limit.
e, f = socket.socketpair()
e.sendall(b"a rather long line\nshort\n")
rf = f.makefile("rb")
print(rf.readline(8), rf.readline(), rf.readline())
e.close()

# A closed file refuses more work, with the message of its kind.
rf.close()
wb.close()
ra.close()
for what, call in [("readline", rf.readline), ("read", rf.read), ("iter", lambda: iter(rf)),
                   ("readlines", rf.readlines), ("write", lambda: wb.write(b"x")),
                   ("flush", wb.flush), ("text readline", ra.readline),
                   ("text read", ra.read)]:
    try:
        call()
    except ValueError as exc:
        print("%s: ValueError: %s" % (what, exc))
print("closing twice is fine:", rf.close(), rf.closed)
for s in (a, b, d, f):
    s.close()
