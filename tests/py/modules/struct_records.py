import struct

HEADER = struct.Struct("<4sHI")
RECORD = struct.Struct("<iid")
print(HEADER.size, HEADER.format, RECORD.size, RECORD.format)

points = [(1, 2, 0.5), (-3, 4, 1.25), (100000, -7, -2.0)]
body = b"".join([RECORD.pack(*p) for p in points])
blob = HEADER.pack(b"PTS1", 1, len(points)) + body
print(len(blob), blob[:10])

magic, version, count = HEADER.unpack_from(blob)
print(magic, version, count)
for i in range(count):
    print(RECORD.unpack_from(blob, HEADER.size + i * RECORD.size))
print([t for t in RECORD.iter_unpack(body)])
buf = bytearray(HEADER.size)
HEADER.pack_into(buf, 0, b"ABCD", 9, 3)
print(bytes(buf), HEADER.unpack(bytes(buf)))
print(struct.Struct(b"!H").pack(258), struct.Struct("3s").unpack(b"xyz"))
for bad in [lambda: struct.Struct("q?z"), lambda: RECORD.pack(1, 2), lambda: RECORD.unpack(b"short"),
            lambda: HEADER.pack(b"x", 70000, 1), lambda: struct.Struct(5), lambda: struct.Struct()]:
    try:
        bad()
    except (struct.error, TypeError) as e:
        print(type(e).__name__ + ":", e)
