# A binary record file kept in a BytesIO: fixed-size records packed with struct,
# random access with seek/tell/SEEK_CUR/SEEK_END, in-place updates, readinto a
# bytearray, BufferedReader and BufferedRandom over a BytesIO.
import io
import struct

REC = struct.Struct("<I8sd")   # id, name, balance


def pack(i, name, bal):
    return REC.pack(i, name.encode().ljust(8, b"\0"), bal)


def unpack(data):
    i, name, bal = REC.unpack(data)
    return i, name.rstrip(b"\0").decode(), bal


db = io.BytesIO()
for i, (name, bal) in enumerate([("ann", 10.5), ("bob", -3.0), ("cy", 1e6), ("dee", 0.25)]):
    print("write", i, db.write(pack(i, name, bal)), db.tell())
print(len(db.getvalue()), REC.size)

db.seek(2 * REC.size)
print(unpack(db.read(REC.size)), db.tell())
db.seek(-REC.size, io.SEEK_END)
print(unpack(db.read(REC.size)))
db.seek(-2 * REC.size, io.SEEK_CUR)
print(unpack(db.read(REC.size)))

# update bob in place
db.seek(1 * REC.size)
db.write(pack(1, "bob", 99.0))
db.seek(0)
print([unpack(db.read(REC.size)) for _ in range(4)])
print(repr(db.read(5)), db.tell())

buf = bytearray(REC.size)
db.seek(0)
print(db.readinto(buf), unpack(bytes(buf)))
print(db.seek(0, io.SEEK_END), db.seek(100), db.write(b"!"), len(db.getvalue()))
print(db.getvalue()[-5:])
db.truncate(REC.size)
print(len(db.getvalue()), db.tell())

r = io.BufferedReader(io.BytesIO(b"line one\nline two\nlast"), buffer_size=4)
print(r.readline(), r.peek(3)[:3], r.read(4), r.readlines())
print(r.read(), r.raw.tell())

rw = io.BufferedRandom(io.BytesIO(b"0123456789"))
print(rw.read(3))
rw.write(b"abc")
rw.seek(0)
print(rw.read())

b = io.BytesIO(b"abc")
print(b.read1(2), b.read1(), b.read1())
print(b.readable(), b.writable(), b.seekable(), b.isatty())
b.close()
try:
    b.read()
except ValueError as e:
    print("ValueError:", e)
try:
    io.BytesIO().write("text")
except TypeError as e:
    print("TypeError:", e)
try:
    io.BytesIO(b"x").seek(-1)
except ValueError as e:
    print("ValueError:", e)
print(isinstance(io.BytesIO(), io.BufferedIOBase), issubclass(io.BufferedRandom, io.BufferedIOBase))
