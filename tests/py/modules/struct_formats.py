# Every format code under every byte order: sizes, and round trips of boundary values.
import struct

codes = "xcbB?hHiIlLqQnNefdsp"
for order in "@=<>!":
    sizes = []
    for code in codes:
        try:
            sizes.append("%s%d" % (code, struct.calcsize(order + code)))
        except struct.error:
            sizes.append(code + "-")
    print(order, " ".join(sizes))
limits = {"b": (-128, 127), "B": (0, 255), "h": (-32768, 32767), "H": (0, 65535),
          "i": (-2 ** 31, 2 ** 31 - 1), "I": (0, 2 ** 32 - 1), "q": (-2 ** 63, 2 ** 63 - 1),
          "Q": (0, 2 ** 64 - 1)}
for code in "bBhHiIqQ":
    lo, hi = limits[code]
    for order in "<>":
        packed = struct.pack(order + "2" + code, lo, hi)
        print(order + code, packed.hex(), struct.unpack(order + "2" + code, packed) == (lo, hi))
for value in [0.0, -0.0, 1.0, -2.5, 1e-300, 1e300, 3.4028234663852886e38, 65504.0, float("inf")]:
    row = []
    for code in "edf":
        try:
            (back,) = struct.unpack("<" + code, struct.pack("<" + code, value))
            row.append(repr(back))
        except OverflowError:
            row.append("overflow")
    print(repr(value), row)
print(struct.unpack("<3?", bytes([0, 1, 255])), struct.unpack("3c", b"xyz"), struct.pack("@?", 2))
print(struct.calcsize("@b0q"), struct.calcsize("@bq0b"), struct.calcsize("@h0i"), struct.calcsize("<bq"))
print(struct.pack("@bh", 1, 2).hex(), struct.pack("@bi", 1, 2).hex(), struct.pack("@bd", 1, 2.0).hex())
