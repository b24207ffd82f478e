# Protocol frames as a bytes subclass: a type byte, a length byte, a payload, a checksum.
import struct

KINDS = {1: "PING", 2: "DATA", 3: "CLOSE"}


class FrameError(Exception):
    pass


class Frame(bytes):
    def __new__(cls, kind, payload=b""):
        if isinstance(payload, str):
            payload = payload.encode()
        body = bytes([kind, len(payload)]) + payload
        return super().__new__(cls, body + bytes([sum(body) % 256]))

    @classmethod
    def parse(cls, raw):
        if len(raw) < 3:
            raise FrameError(f"short frame: {raw!r}")
        kind, size = raw[0], raw[1]
        payload = raw[2 : 2 + size]
        if sum(raw[: 2 + size]) % 256 != raw[2 + size]:
            raise FrameError("bad checksum")
        return cls(kind, payload)

    @property
    def kind(self):
        return KINDS.get(self[0], "?")

    @property
    def payload(self):
        return self[2:-1]

    def __repr__(self):
        return f"<Frame {self.kind} {self.payload!r}>"


frames = [Frame(1), Frame(2, "hello"), Frame(2, b"\x00\xff"), Frame(3)]
for f in frames:
    print(repr(f), bytes(f), len(f), f.hex(), f.kind, f.payload, type(f.payload).__name__)

stream = b"".join(frames)
print(len(stream), type(stream).__name__, stream[:5])
pos, parsed = 0, []
while pos < len(stream):
    size = stream[pos + 1] + 3
    parsed.append(Frame.parse(stream[pos : pos + size]))
    pos += size
print(parsed == frames, [p.kind for p in parsed])

f = frames[1]
print(f == Frame(2, "hello"), f == bytes(f), f != b"", f < Frame(3), hash(f) == hash(bytes(f)), {f: 1}[bytes(f)])
print(f[0], f[-1], list(f[:3]), f + b"!", type(f + b"!").__name__, f * 2 == bytes(f) * 2, b"ell" in f, 104 in f)
print(f.startswith(b"\x02"), f.find(b"l"), f.count(b"l"), f.split(b"l"), f.upper(), f.decode("latin-1")[2:7])
print(str(f), "%r|%s" % (f, f), f"{f!r}", bytearray(f), list(f) == list(bytes(f)))
print(struct.unpack("BB5sB", f), struct.pack("4s", Frame(3)), int.from_bytes(Frame(1), "big"), sorted([frames[3], frames[0]]))
f.received_at = 12.5
print(f.received_at, vars(f), isinstance(f, bytes), type(f).__mro__)
for bad in (b"\x01", b"\x01\x00\x05"):
    try:
        Frame.parse(bad)
    except FrameError as e:
        print("FrameError:", e)
