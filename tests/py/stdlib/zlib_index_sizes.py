# A chunked log shipper: compresses records, then a reader decompresses them in
# bounded pieces. Sizes come from a config object whose fields are __index__-able
# (as numpy scalars or custom size types are), which zlib accepts like ints.
import zlib


class Size:
    def __init__(self, n):
        self.n = n

    def __index__(self):
        return self.n

    def __repr__(self):
        return f"Size({self.n})"


class Config:
    level = Size(9)
    wbits = Size(15)
    bufsize = Size(64)
    piece = Size(100)
    tail = Size(10)


records = "".join(f"{i:05d} event=tick value={i * i % 97}\n" for i in range(400)).encode()
cfg = Config()
packed = zlib.compress(records, cfg.level, cfg.wbits)
print(len(records), zlib.decompress(packed, cfg.wbits, cfg.bufsize) == records)

co = zlib.compressobj(cfg.level, zlib.DEFLATED, cfg.wbits, Size(8), Size(0))
stream = co.compress(records) + co.flush(Size(zlib.Z_FINISH))
print(stream == packed)

do = zlib.decompressobj(cfg.wbits)
out = []
data = stream
while data:
    chunk = do.decompress(data, cfg.piece)
    out.append(len(chunk))
    data = do.unconsumed_tail
print(out[:3], len(out), sum(out))
do2 = zlib.decompressobj()
first = do2.decompress(stream, Size(1))
print(first, len(do2.flush(cfg.tail)) + 1 == len(records))

for bad in (1.5, "9", Size(-1)):
    try:
        zlib.decompressobj().decompress(stream, bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    zlib.decompressobj().flush(Size(0))
except ValueError as e:
    print("ValueError", e)
