# A fixed-size binary record format (a ledger file) on Lib's struct.py over _struct:
# a Struct subclass for the header, records packed into a preallocated bytearray
# with pack_into, read back with iter_unpack and unpack_from at offsets, a
# checksum, and struct.error for damaged input.
import struct
import _struct
import zlib


class Header(struct.Struct):
    MAGIC = b"LDG1"

    def __init__(self):
        super().__init__("<4sHHI")

    def build(self, count, checksum):
        return self.pack(self.MAGIC, 1, count, checksum)

    def parse(self, data):
        magic, version, count, checksum = self.unpack_from(data, 0)
        if magic != self.MAGIC:
            raise ValueError(f"bad magic {magic!r}")
        return version, count, checksum


RECORD = struct.Struct("<IqdH10s")   # id, cents, rate, flags, memo
HEADER = Header()

entries = [
    (1, 125_00, 0.5, 0b01, b"coffee"),
    (2, -40_25, 1.25, 0b10, b"refund"),
    (3, 9_999_999_999, 3.0e-3, 0, b"savings++"),
    (4, -1, -0.0, 0xFFFF, b""),
]

buf = bytearray(HEADER.size + RECORD.size * len(entries))
for i, e in enumerate(entries):
    RECORD.pack_into(buf, HEADER.size + i * RECORD.size, *e)
body = bytes(buf[HEADER.size:])
HEADER.pack_into(buf, 0, Header.MAGIC, 1, len(entries), zlib.crc32(body))
print(len(buf), HEADER.size, RECORD.size, HEADER.format, RECORD.format)
print(buf[:HEADER.size].hex(), buf[HEADER.size:HEADER.size + RECORD.size].hex())

version, count, checksum = HEADER.parse(buf)
print("version", version, "count", count, "crc ok", checksum == zlib.crc32(bytes(buf[HEADER.size:])))
total = 0
for rid, cents, rate, flags, memo in RECORD.iter_unpack(memoryview(buf)[HEADER.size:]):
    memo = memo.rstrip(b"\0").decode()
    total += cents
    print(f"#{rid} {cents / 100:>14.2f} rate={rate!r} flags={flags:#06x} memo={memo!r}")
print("total", total)

# Random access: the third record, and the last one through a negative offset.
print(RECORD.unpack_from(buf, HEADER.size + 2 * RECORD.size)[:2])
print(RECORD.unpack_from(buf, -RECORD.size)[0])
print(struct.unpack_from("<I", buf, offset=HEADER.size), struct.calcsize("@bq"), struct.calcsize("=bq"))
print(struct.pack(">hHbB?e", -2, 65535, -128, 255, True, 1.5).hex())
print(struct.unpack("<3s3p", b"abc\x02xy"), struct.pack("5p", b"toolong"))

# Damaged files and bad values: struct.error (which is _struct.error) or TypeError.
print(struct.error is _struct.error, struct.Struct is _struct.Struct, isinstance(HEADER, struct.Struct))
for bad in [lambda: HEADER.parse(b"XXXX" + bytes(8)),
            lambda: RECORD.unpack(bytes(RECORD.size - 1)),
            lambda: list(RECORD.iter_unpack(bytes(RECORD.size + 3))),
            lambda: RECORD.pack_into(bytearray(10), 0, *entries[0]),
            lambda: RECORD.pack_into(bytearray(100), -3, *entries[0]),
            lambda: struct.pack("<h", 40000),
            lambda: struct.pack("<I", -1),
            lambda: struct.pack("<i", "7"),
            lambda: struct.pack("<2i", 1),
            lambda: struct.Struct("<q3z"),
            lambda: struct.unpack_from("<i", b"abc", 1),
            lambda: struct.pack("c", b"ab"),
            lambda: RECORD.pack_into(b"readonly" * 10, 0, *entries[0])]:
    try:
        print("ok", bad())
    except (struct.error, ValueError, TypeError) as e:
        print(type(e).__name__, e)


class Index:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n


print(struct.pack("<H", Index(513)).hex())
s = struct.Struct("i")
s.__init__(">hh")
print(s.format, s.size, s.pack(1, -1).hex())
struct._clearcache()
print(struct.__doc__.splitlines()[0])
