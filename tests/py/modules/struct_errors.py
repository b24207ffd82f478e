import struct

def attempt(label, f, *args):
    try:
        print(label, f(*args))
    except struct.error as e:
        print(label, "struct.error:", e)
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

for fmt, v in [("b", 128), ("b", -129), ("B", 256), ("B", -1), ("h", 40000), ("H", -1), ("H", 70000),
               ("i", 2 ** 31), ("I", -1), ("I", 2 ** 32), ("l", 2 ** 63), ("L", -1), ("q", 2 ** 63),
               ("Q", -1), ("Q", 2 ** 64), ("n", 2 ** 63), ("N", -1), ("<i", 2 ** 31), ("<I", -1),
               ("<l", 2 ** 31), ("<L", 2 ** 32), ("<q", 2 ** 63), ("<Q", 2 ** 64), ("<b", 200),
               ("<B", -1), ("<h", -40000), ("<H", 70000), ("b", 2 ** 70), ("i", -2 ** 64),
               (">e", 1e6), ("<e", 65520.0), ("<f", 1e300), ("=f", -1e39), ("d", "x"), ("f", None),
               ("i", "x"), ("i", 1.0), ("c", "a"), ("c", b"ab"), ("c", 1), ("c", bytearray(b"a")), ("s", "x"), ("p", 5),
               ("<P", 1), ("<n", 1), ("=N", 1), ("z", 1), ("3", 1), ("i 3", 1), ("$", 1)]:
    attempt("pack(%r, %r)" % (fmt, v), struct.pack, fmt, v)
attempt("pack('ii', 1)", struct.pack, "ii", 1)
attempt("pack('i', 1, 2)", struct.pack, "i", 1, 2)
attempt("pack('x', 1)", struct.pack, "x", 1)
attempt("pack(5)", struct.pack, 5)
attempt("pack()", struct.pack)
attempt("calcsize(5)", struct.calcsize, 5)
attempt("calcsize('99999999999999999999i')", struct.calcsize, "99999999999999999999i")
attempt("unpack('i', b'123')", struct.unpack, "i", b"123")
attempt("unpack('<h', b'12345')", struct.unpack, "<h", b"12345")
attempt("unpack('x', b'')", struct.unpack, "x", b"")
attempt("unpack('i', 'abcd')", struct.unpack, "i", "abcd")
attempt("unpack('i', [1, 2, 3, 4])", struct.unpack, "i", [1, 2, 3, 4])
attempt("unpack_from('i', b'1234', 1)", struct.unpack_from, "i", b"1234", 1)
attempt("unpack_from('i', b'1234', -5)", struct.unpack_from, "i", b"1234", -5)
attempt("unpack_from('i', b'12345678', 5)", struct.unpack_from, "i", b"12345678", 5)
attempt("unpack_from('i', b'12345678', -3)", struct.unpack_from, "i", b"12345678", -3)
ba = bytearray(8)
attempt("pack_into('i', ba, 6, 1)", struct.pack_into, "i", ba, 6, 1)
attempt("pack_into('i', ba, -2, 1)", struct.pack_into, "i", ba, -2, 1)
attempt("pack_into('i', ba, -9, 1)", struct.pack_into, "i", ba, -9, 1)
attempt("pack_into('i', ba, 9, 1)", struct.pack_into, "i", ba, 9, 1)
attempt("pack_into('i', b'1234', 0, 1)", struct.pack_into, "i", b"1234", 0, 1)
attempt("pack_into('ii', ba, 0, 1)", struct.pack_into, "ii", ba, 0, 1)
attempt("iter_unpack('<h', b'123')", struct.iter_unpack, "<h", b"123")
attempt("iter_unpack('', b'')", struct.iter_unpack, "", b"")
print(ba, issubclass(struct.error, Exception), struct.error.__name__)
try:
    struct.pack("B", 300)
except Exception as e:
    print(type(e).__name__, isinstance(e, struct.error), e.args)
try:
    struct.pack("100000000000000x")
except MemoryError:
    print("MemoryError")
