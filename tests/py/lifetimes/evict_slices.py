# A pool of connections that closes (finalizes) the ones it evicts with `del pool[...]`:
# contiguous runs, every other one, stepping backwards; the finalizers run in CPython's
# order. A byte buffer is consumed from the front and trimmed at the back the way
# io's buffered writers and readers do it (`del buf[:n]`, `del b[n:]`).
log = []


class Conn:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append(self.name)


def pool_of(n):
    return [Conn("c%d" % i) for i in range(n)]


for what, cut in [("oldest three", slice(0, 3)), ("newest two", slice(-2, None)),
                  ("every other", slice(None, None, 2)),
                  ("every third from the end", slice(None, None, -3)),
                  ("middle, stepping back", slice(6, 1, -2)), ("nothing", slice(4, 2))]:
    pool = pool_of(9)
    del log[:]
    del pool[cut]
    print("%-24s closed %-22s kept %s" % (what, ",".join(log), [c.name for c in pool]))
    del pool

buf = bytearray(b"GET /a\nGET /b\nGET /c\n")
while buf:
    n = buf.index(b"\n") + 1
    line = bytes(buf[:n])
    del buf[:n]
    print(line, len(buf))
chunk = bytearray(8192)
chunk[:5] = b"hello"
del chunk[5:]
print(chunk, len(chunk))
data = bytearray(range(20))
del data[1::3]
del data[-1:-8:-2]
print(list(data))
big = bytearray(200000)
for _ in range(1000):
    del big[:100]
print(len(big))
