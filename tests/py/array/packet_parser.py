# Parsing packets out of a receive buffer through a memoryview: headers are read
# from views of the bytearray, no payload is copied until asked for.
import struct

def packet(kind, seq, payload):
    return struct.pack("<BBH", kind, seq, len(payload)) + payload

stream = bytearray()
for seq, (kind, body) in enumerate([(1, b"hello"), (2, b""), (1, b"pyvm says hi"),
                                     (3, bytes(range(10)))]):
    stream += packet(kind, seq, body)
stream += b"\x01\x09\xff"  # a truncated header at the end

buf = memoryview(stream)
offset = 0
parsed = []
while offset + 4 <= len(buf):
    header = buf[offset:offset + 4]
    kind, seq = header[0], header[1]
    length = header[2] | header[3] << 8
    body = buf[offset + 4:offset + 4 + length]
    if len(body) < length:
        print("truncated body at", offset)
        break
    parsed.append((kind, seq, length, body))
    offset += 4 + length
print("leftover", len(buf) - offset, bytes(buf[offset:]))

for kind, seq, length, body in parsed:
    print(kind, seq, length, type(body).__name__, body.readonly, bytes(body[:6]))

# in-place fix-up: rewrite the sequence numbers through the views
for kind, seq, length, body in parsed:
    pass
hdr = buf[0:4]
hdr[1] = 42
print("seq rewritten in the stream:", stream[1])
# the payload of packet 0 upper-cased in place
p0 = parsed[0][3]
p0[:] = bytes(p0).upper()
print(stream[4:9])
# struct reads straight from a view
print(struct.unpack_from("<BBH", buf, 9))
print(struct.unpack("<BBH", buf[:4]))

# the stream cannot grow while views exist
try:
    stream += b"more"
except BufferError as e:
    print("BufferError:", e)
for *_, body in parsed:
    body.release()
for v in (hdr, p0, header, buf):
    v.release()
stream.extend(b"more")
print("grew", len(stream))

# a read-only view of bytes
ro = memoryview(bytes(stream[:8]))
print(ro.readonly, ro[0], ro[-1], list(ro[:4]), ro.tolist()[:2])
try:
    ro[0] = 1
except TypeError as e:
    print("TypeError:", e)
print(hash(ro) == hash(bytes(stream[:8])))

# building a reply in place: struct.pack_into through a view and into an array
from array import array
out = bytearray(12)
w = memoryview(out)
struct.pack_into("<BBH", w, 0, 7, 1, 4)
struct.pack_into("<I", w[4:], 0, 0xDEADBEEF)
print(out.hex(), bytes(w[:4]))
w.release()
words = array('H', [0] * 4)
struct.pack_into("<HH", words, 2, 513, 1027)
print(words)
try:
    struct.pack_into("<B", memoryview(b"ro"), 0, 1)
except TypeError as e:
    print("TypeError:", e)
