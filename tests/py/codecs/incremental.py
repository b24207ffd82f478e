# An incremental decoder fed by network-sized chunks that split multi-byte
# characters, and a stream reader/writer pair over an in-memory buffer.
import codecs

message = "naïve 日本語 text with emoji 😀 and €uro signs ±"


def chunks(data, size):
    for i in range(0, len(data), size):
        yield data[i:i + size]


for enc in ["utf-8", "utf-16", "utf-16-le", "utf-32", "utf-8-sig", "utf-7", "cp1252"]:
    src = message if enc != "cp1252" else "naïve €uro ±"
    data = src.encode(enc)
    for size in (1, 2, 3, 5):
        dec = codecs.getincrementaldecoder(enc)()
        parts = [dec.decode(c) for c in chunks(data, size)]
        parts.append(dec.decode(b"", final=True))
        assert "".join(parts) == src, (enc, size)
    print(enc, len(data), "bytes; pieces of 5:", [p for p in parts][:6])

enc = codecs.getincrementalencoder("utf-16")()
out = b"".join(enc.encode(ch) for ch in "abc") + enc.encode("", final=True)
print("incremental utf-16:", out)

# Decoders report what they consumed so the caller keeps the rest.
print(codecs.utf_8_decode(b"ab\xe2\x82", "strict", False))
print(codecs.utf_8_decode(b"ab\xe2\x82\xac", "strict", True))
print(codecs.utf_16_le_decode(b"a\x00b", "strict", False))
print(codecs.utf_32_decode(b"\xff\xfe\x00\x00a\x00\x00\x00b", "strict", False))

dec = codecs.getincrementaldecoder("utf-8")()
try:
    dec.decode(b"ok \xe2\x82", final=True)
except UnicodeDecodeError as e:
    print("final:", e)

dec = codecs.getincrementaldecoder("utf-8")(errors="replace")
print(repr(dec.decode(b"\xff\xe2\x82")), repr(dec.decode(b"", final=True)))


class Buffer:
    def __init__(self):
        self.data = b""
        self.pos = 0

    def write(self, b):
        self.data += b

    def read(self, n=-1):
        if n < 0:
            n = len(self.data) - self.pos
        b = self.data[self.pos:self.pos + n]
        self.pos += len(b)
        return b


buf = Buffer()
writer = codecs.getwriter("utf-16-le")(buf)
writer.write("line one ✓\n")
writer.write("line two ✗\n")
print(len(buf.data), buf.data[:8])
reader = codecs.getreader("utf-16-le")(buf)
print(repr(reader.read()))
