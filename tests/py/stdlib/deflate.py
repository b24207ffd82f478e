# A log archiver on zlib: compress records in a streaming container (raw deflate with
# a hand-made header, as gzip and zipfile do), read them back with limited output,
# detect truncation and corruption, and check all the wbits containers.
import zlib

records = [("event %04d: user=%s action=%s\n" % (i, "user%d" % (i % 7), "login logout view".split()[i % 3])).encode()
           for i in range(300)]
raw_text = b"".join(records)


def archive(chunks, level=6):
    c = zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)
    body = b"".join(c.compress(ch) for ch in chunks) + c.flush()
    crc = zlib.crc32(raw_text)
    return b"LOG1" + len(raw_text).to_bytes(4, "little") + crc.to_bytes(4, "little") + body


def unarchive(blob, limit=512):
    if blob[:4] != b"LOG1":
        raise ValueError("not an archive")
    size = int.from_bytes(blob[4:8], "little")
    crc = int.from_bytes(blob[8:12], "little")
    d = zlib.decompressobj(-zlib.MAX_WBITS)
    out = d.decompress(blob[12:], limit)
    steps = 1
    while d.unconsumed_tail:
        out += d.decompress(d.unconsumed_tail, limit)
        steps += 1
    out += d.flush()
    if len(out) != size or zlib.crc32(out) != crc:
        raise ValueError("damaged archive")
    return out, steps, d.eof


for level in (1, 6, 9):
    blob = archive([r for r in records], level)
    out, steps, eof = unarchive(blob)
    print(level, out == raw_text, steps > 1, eof, len(blob) < len(raw_text) // 3)

blob = archive(records)
try:
    unarchive(blob[:-40])
except ValueError as e:
    print("ValueError:", e)

one_shot = zlib.compress(raw_text)
print(one_shot[:2].hex(), zlib.decompress(one_shot) == raw_text, zlib.compress(b"")[:2].hex())
for wbits in (zlib.MAX_WBITS, 9, -15, -9, 31, 16 + 9):
    c = zlib.compress(raw_text, 9, wbits)
    auto = zlib.decompress(c, 32 + 15) == raw_text if wbits > 0 else None
    print(wbits, zlib.decompress(c, wbits) == raw_text, auto, c[:3].hex() if wbits > 25 else len(c) > 0)

# Sync flushes let a reader decode what has been sent so far.
sender = zlib.compressobj()
receiver = zlib.decompressobj()
got = []
for msg in (b"first message", b"second message", b"third"):
    got.append(receiver.decompress(sender.compress(msg) + sender.flush(zlib.Z_SYNC_FLUSH)))
tail = receiver.decompress(sender.flush())
print(got, tail, receiver.eof)

d = zlib.decompressobj()
print(d.decompress(zlib.compress(b"payload") + b"extra bytes") , d.unused_data, d.eof)

print(zlib.adler32(raw_text), zlib.adler32(b"abc", 7), zlib.crc32(raw_text) & 0xffffffff, zlib.crc32(b""))
for bad in [lambda: zlib.decompress(b"plain text"), lambda: zlib.decompress(one_shot[:30]),
            lambda: zlib.decompress(b""), lambda: zlib.compress(b"x", 10),
            lambda: zlib.compress("text"), lambda: zlib.compressobj(wbits=99),
            lambda: zlib.decompressobj().decompress(b"x", -1)]:
    try:
        bad()
    except (zlib.error, TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.Z_SYNC_FLUSH, zlib.Z_FINISH, zlib.DEF_MEM_LEVEL, issubclass(zlib.error, Exception))
