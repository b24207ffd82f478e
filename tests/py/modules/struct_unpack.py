import struct

print(struct.unpack("<i", b"\x01\x00\x00\x00"), struct.unpack(">i", b"\xff\xff\xff\xfe"))
print(struct.unpack("<bBhHiIqQ", struct.pack("<bBhHiIqQ", -128, 255, -32768, 65535, -2 ** 31, 2 ** 32 - 1, -2 ** 63, 2 ** 64 - 1)))
print(struct.unpack("@bq", b"\x01" + b"\x00" * 7 + b"\xff" * 8), struct.unpack("@lLnNP", b"\xff" * 40))
print(struct.unpack("<lL", b"\xff" * 8), struct.unpack("?c?", b"\x00x\x07"))
print(struct.unpack("<d", struct.pack("<d", 0.1)), struct.unpack("<f", struct.pack("<f", 0.1)))
print(struct.unpack("<e", b"\x00\x7c"), struct.unpack("<e", b"\x00\xfc"), struct.unpack("<e", b"\x01\x00"), struct.unpack("<e", b"\xff\x7b"))
print(struct.unpack(">e", b"\x3c\x00"), struct.unpack("<3e", struct.pack("<3e", 0.1, -100.25, 7)))
nan = struct.unpack("<e", b"\x00\x7e")[0]
print(nan != nan, struct.unpack("<f", b"\x00\x00\xc0\x7f")[0] != 0)
print(struct.unpack("5s", b"ab\x00\x00\x00"), struct.unpack("5p", b"\x03abcd"), struct.unpack("5p", b"\x09abcd"), struct.unpack("1p", b"\x05"))
print(struct.unpack("<hxh", b"\x01\x00\xff\x02\x00"), struct.unpack("", b""), struct.unpack("2s", bytearray(b"ab")))
print(struct.unpack_from("<h", b"\x00\x01\x00\x02", 2), struct.unpack_from("<h", b"\x05\x00"), struct.unpack_from("<h", b"abcd", offset=-2))
print(list(struct.iter_unpack("<hB", b"\x01\x00\x09\x02\x00\x08")))
buf = bytearray(12)
struct.pack_into("<hh", buf, 2, 7, -1)
struct.pack_into(">I", buf, -4, 0xDEADBEEF)
print(buf)
for v in [0, 1, -1, 255, 65535, 2 ** 31, 2 ** 63 - 1]:
    for code in "qQ":
        try:
            print(code, v, struct.unpack("<" + code, struct.pack("<" + code, v))[0])
        except struct.error as e:
            print(code, v, "error:", e)
