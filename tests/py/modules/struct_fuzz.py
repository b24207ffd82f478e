# Differential fuzzing of struct: seeded random formats and buffers; every result or
# error message is printed.
import random
import struct

random.seed(77)
codes = "xcbB?hHiIlLqQnNefdsp"
for round_no in range(300):
    order = random.choice(["", "@", "=", "<", ">", "!"])
    fmt = order
    for _ in range(random.randint(0, 4)):
        if random.random() < 0.3:
            fmt += str(random.randint(1, 3))  # (CPython 3.11 fails unpacking "0p")
        fmt += random.choice(codes)
        if random.random() < 0.05:
            fmt += " "
    try:
        size = struct.calcsize(fmt)
    except struct.error as e:
        print(round_no, repr(fmt), "calcsize error:", e)
        continue
    data = bytes([random.randrange(256) for _ in range(size + random.choice([0, 0, 0, -1, 1]))])
    try:
        values = struct.unpack(fmt, data)
    except struct.error as e:
        print(round_no, repr(fmt), size, "unpack error:", e)
        continue
    shown = []
    for v in values:
        shown.append("nan" if isinstance(v, float) and v != v else repr(v))
    try:
        again = struct.pack(fmt, *values)
        same = again == data or "x" in fmt or "?" in fmt or "p" in fmt or "e" in fmt or "f" in fmt or "d" in fmt
        print(round_no, repr(fmt), size, shown, "repack", same)
    except (struct.error, OverflowError) as e:
        print(round_no, repr(fmt), size, shown, "pack error:", type(e).__name__, e)
