# A binary record file format: a header, fixed-size records, and a checksum,
# packed into one buffer and parsed back.
import struct

MAGIC = b"RECS"
HEADER = "<4sHHI"        # magic, version, record size, record count
RECORD = "<I16sdhB?"     # id, name, balance, delta, flags, active

people = [
    (1, "alice", 1200.5, -3, 7, True),
    (2, "bob", -40.25, 12, 0, False),
    (3, "carol-the-long-named", 0.1, 0, 255, True),
    (40000, "dave", 1e10, -32768, 1, True),
]

def checksum(data):
    total = 0
    for i in range(0, len(data) - len(data) % 4, 4):
        total = (total + struct.unpack_from("<I", data, i)[0]) & 0xFFFFFFFF
    return total

rec_size = struct.calcsize(RECORD)
head_size = struct.calcsize(HEADER)
buf = bytearray(head_size + rec_size * len(people) + 4)
struct.pack_into(HEADER, buf, 0, MAGIC, 1, rec_size, len(people))
for i, (pid, name, bal, delta, flags, active) in enumerate(people):
    struct.pack_into(RECORD, buf, head_size + i * rec_size, pid, name.encode(), bal, delta, flags, active)
struct.pack_into("<I", buf, -4, checksum(bytes(buf[:-4])))
data = bytes(buf)
print("header", head_size, "record", rec_size, "total", len(data))
print(data[:head_size].hex())

magic, version, size, count = struct.unpack(HEADER, data[:head_size])
print(magic, version, size, count)
for i in range(count):
    pid, name, bal, delta, flags, active = struct.unpack_from(RECORD, data, head_size + i * size)
    name = name.strip(b"\x00").decode()
    print(f"{pid:6d} {name:<16} {bal:>14.2f} {delta:6d} {flags:3d} {active}")
(stored,) = struct.unpack("<I", data[-4:])
print("checksum ok:", stored == checksum(data[:-4]))
for rec in struct.iter_unpack(">HH", data[:8]):
    print("as big-endian shorts:", rec)
