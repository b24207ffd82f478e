# A growable byte buffer built on bytearray, for reading a line protocol.


class LineBuffer(bytearray):
    def __init__(self, data=b"", limit=64):
        super().__init__(data)
        self.limit = limit
        self.lines_read = 0

    def feed(self, chunk):
        if len(self) + len(chunk) > self.limit:
            raise OverflowError(f"buffer over {self.limit} bytes")
        self += chunk
        return self

    def lines(self):
        while True:
            i = self.find(b"\n")
            if i < 0:
                return
            line = bytes(self[:i])
            del self[: i + 1]
            self.lines_read += 1
            yield line.decode()

    def __repr__(self):
        return f"LineBuffer({bytes(self)!r}, read={self.lines_read})"


buf = LineBuffer(b"HELLO ")
same = buf.feed(b"world\nPING\npartial")
print(same is buf, repr(buf), len(buf), type(buf).__name__)
print(list(buf.lines()), repr(buf), buf.lines_read)
buf.feed(b" line\n")
print(list(buf.lines()), repr(buf), bool(buf), len(buf))

buf.extend(b"abc")
buf.append(ord("d"))
buf[0] = ord("A")
buf.insert(0, 33)
print(repr(buf), buf[1], buf[-1], buf[1:3], type(buf[1:3]).__name__, bytes(buf), buf.decode())
print(buf == b"!Abcd", buf == bytearray(b"!Abcd"), b"bc" in buf, 98 in buf, buf.upper(), buf.hex(), list(buf))
print(buf + b"!", type(buf + b"!").__name__, buf * 2, buf.startswith(b"!A"), buf.count(b"b"), buf.split(b"b"))
buf.reverse()
print(repr(buf), buf.pop(), repr(buf))
buf.clear()
print(repr(buf), len(buf), bool(buf), buf.limit)
try:
    buf.feed(b"x" * 100)
except OverflowError as e:
    print("OverflowError:", e)
try:
    hash(buf)
except TypeError as e:
    print("TypeError:", e)


class Plain(bytearray):
    pass


p = Plain(3)
print(p, repr(p), Plain(b"ab"), Plain([65, 66]), Plain("hi", "ascii"), Plain(), len(Plain(5)), str(Plain(b"x")))
p += b"z"
print(p, type(p).__name__, p.__class__.__mro__)
