import struct

for fmt in ["@ci", "=ci", "<qb", "@bq", "@3sQ", "@hih", "@?d", "@xxd", "@5p", "@0i", "!2h",
            "@ c i", "@n", "@P", "@e", "@10x", "@iq0q", "i", "lL", "<lL", ">4sIh", "@bhiq", "<bhiq", "", "   "]:
    print(repr(fmt), struct.calcsize(fmt))
print(struct.pack("<i", 1), struct.pack(">i", 1), struct.pack("!H", 0xABCD), struct.pack("=h", -2))
print(struct.pack("@bi", 1, 2), struct.pack("<bi", 1, 2), struct.pack("@bq", -1, -1))
print(struct.pack("<bBhHiIqQ", -128, 255, -32768, 65535, -2 ** 31, 2 ** 32 - 1, -2 ** 63, 2 ** 64 - 1))
print(struct.pack(">bBhHiIqQ", 127, 0, 32767, 0, 2 ** 31 - 1, 0, 2 ** 63 - 1, 2 ** 64 - 1))
print(struct.pack("<lL", -1, 2 ** 32 - 1), struct.pack("@lL", -1, 2 ** 64 - 1))
print(struct.pack("@nN", -5, 5), struct.pack("@P", 2 ** 64 - 1), struct.pack("@P", -1))
print(struct.pack("?", 5), struct.pack("???", 0, [], "x"), struct.pack("c", b"z"), struct.pack("3c", b"a", b"b", b"c"))
print(struct.pack("<d", 1.5), struct.pack(">d", -0.0), struct.pack("<f", 0.1), struct.pack(">f", 3))
print(struct.pack("<e", 1.5), struct.pack("<e", 65504.0), struct.pack("<e", 65519.0), struct.pack("<e", 1e-8))
print(struct.pack(">e", -2.5), struct.pack("<e", 6e-8), struct.pack("<e", 2.98e-8), struct.pack("<e", 5.96e-8))
print(struct.pack("<e", float("inf")), struct.pack("<e", float("-inf")), struct.pack("<e", 0.333333))
print(struct.pack("@f", 1e300), struct.pack("<e", 1e-300), struct.pack("<e", -0.0))
print(struct.pack("5s", b"hi"), struct.pack("2s", b"hello"), struct.pack("0s", b"x"), struct.pack("s", b""))
print(struct.pack("5p", b"hello world"), struct.pack("3p", b"a"), struct.pack("1p", b"abc"), struct.pack("s", bytearray(b"q")))
print(struct.pack("4x"), struct.pack("<hxh", 1, 2), struct.pack(b"<h", 1), struct.pack(""))
print(struct.pack("<2h3s?", 1, 2, b"abc", True), struct.pack("<h", True))
