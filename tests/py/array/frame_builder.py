# A binary frame builder: a bytearray accumulates headers and payloads given as
# array.array blocks, memoryviews, bytes and iterables of ints. CPython takes any
# buffer-protocol object as its raw bytes (array('i') adds 4 bytes per item), and
# iterates anything else as small ints.
from array import array
import struct


class Samples(array):
    """An array subclass, as a sensor driver would hand out."""


class Frame(bytearray):
    def add(self, block):
        self.extend(block)
        return self

    def checksum(self):
        return sum(self) & 0xFF


def payloads():
    yield array('i', [1, 2])
    yield memoryview(array('h', [-1, 0x0102]))
    yield Samples('H', [258, 772])
    yield b"\x7f"
    yield bytearray(b"ab")
    yield (n * 3 for n in range(4))
    yield [65, 66, 67]
    yield range(250, 256)


frame = Frame(b"HDR")
for block in payloads():
    before = len(frame)
    frame.add(block)
    print("%-12s +%d -> %s" % (type(block).__name__, len(frame) - before, frame[before:].hex()))
print("checksum", frame.checksum(), type(frame).__name__)

# Construction from arrays and views copies their bytes (each item's itemsize).
grid = array('d', [1.5, -2.0])
print(bytes(grid) == struct.pack("<2d", 1.5, -2.0), len(bytearray(grid)))
print(bytearray(array('H', [1, 258])), bytes(Samples('b', [-1, 2])))
view = memoryview(array('h', [1, 2, 3]))
print(view.itemsize, view.nbytes, bytes(view), bytes(view[1:]))
reused = bytearray(b"old contents")
reused.__init__(view)
print(reused, len(reused))

# Joining and concatenating mixed bytes-like pieces.
parts = [array('i', [7]), memoryview(b"xy"), b"z", bytearray(b"!")]
print(b"".join(parts))
print(bytearray(b"|").join(parts))
acc = bytearray(b">")
acc += array('b', [5, -5])
acc += memoryview(b"end")
print(acc, b"a" + array('B', [98]), bytearray(b"c") + memoryview(array('B', [100])))

# A bytearray compares with any buffer by its raw bytes.
print(bytearray(b"a") == array('B', [97]), array('B', [97]) == bytearray(b"a"))
print(bytearray(b"aa") == array('h', [0x6161]), bytearray(b"ab") != array('B', [97, 98]))
print(bytearray(b"ab") < array('B', [97, 99]), array('B', [97, 99]) > bytearray(b"ab"))
print(bytearray(b"abc").find(array('B', [99])), bytearray(b"abc").count(memoryview(b"b")))

# What cannot extend a bytearray.
for bad in ["text", 5, [300], [1.5], None, [b"x"]]:
    try:
        bytearray().extend(bad)
    except (TypeError, ValueError) as e:
        print(type(bad).__name__, "->", type(e).__name__, e)

# Extending with itself.
buf = bytearray(b"ab")
buf.extend(buf)
print(buf)
