# A binary packet builder that grows one bytearray in place (`+=`, `*=`), shared
# by a writer object and its caller, and a table of constructor calls a config
# loader might make with bad arguments.
import time


class PacketWriter:
    def __init__(self, buf):
        self.buf = buf

    def field(self, tag, payload):
        self.buf += bytes([tag, len(payload)])
        self.buf += payload
        return self

    def pad(self, times):
        self.buf *= times
        return self


shared = bytearray(b"HDR")
w = PacketWriter(shared)
w.field(1, b"alpha").field(2, bytearray(b"beta")).field(3, memoryview(b"gamma"))
print("same object:", w.buf is shared, bytes(shared))
alias = shared
shared *= 2
print("after *=2:", shared is alias, len(alias))
zero = bytearray(b"xy")
zero_alias = zero
zero *= 0
print("after *=0:", zero is zero_alias, zero_alias)

for bad in ("text", 3, None, [1, 2]):
    try:
        shared += bad
    except TypeError as e:
        print("+=", type(bad).__name__, "->", e)
try:
    shared *= 2.5
except TypeError as e:
    print("*= 2.5 ->", e)

# 320,000 single-byte appends: amortized O(1) each, as in CPython.
log = bytearray()
view = log
start = time.perf_counter()
for i in range(320_000):
    log += b"y"
elapsed = time.perf_counter() - start
# (A copy per append took 4.4 s in a release build; a debug build on a loaded
# machine takes up to about 1.5 s for the amortized loop.)
print("appends:", len(view), view is log, "fast" if elapsed < 3.0 else f"slow ({elapsed:.2f}s)")

immutable = b"ab"
before = immutable
immutable += b"c"
print("bytes += makes a new object:", immutable is not before, before, immutable)

CALLS = [
    "bytes('x')", "bytes('x', 'ascii', 'strict', 1)", "bytearray(-1)", "bytes(-1)",
    "bytes(3, 'ascii')", "bytearray(4, 100)", "bytes(3, 5)", "bytes(b'x', 'ascii')",
    "bytes([1], 'ascii')", "bytes(errors='strict')", "bytes(encoding='ascii')",
    "bytes('x', errors='strict')", "bytearray('x')", "bytearray('x', 5)",
    "bytearray('x', 'ascii', 5)", "bytes('x', 'ascii', errors=5)", "bytes(1.5)",
    "bytearray(1.5)", "bytes([256])", "bytearray([300])", "bytes(['a'])", "bytes(x=1)",
    "bytearray(source=3)", "bytes(source=3)", "bytes(3, encoding='ascii')", "bytes(None)",
    "bytearray(None)", "bytes('\u00e9', 'ascii')", "bytes('x', 'nope')", "bytes(2**70)",
    "bytes(2**62)", "bytes(True)", "bytes(b'ab', errors='x')", "bytearray(b'ab', errors='x')",
    "bytes(3, encoding=None)", "bytes('a', 'ascii', errors=None)", "bytes(iter([1, 2]))",
    "bytes('ab', 'ascii', 'strict')", "bytearray('ab', encoding='utf-16-le')",
    "bytes('a', 'ascii', encoding='ascii')", "b'a' + 'b'", "bytearray(b'a') + 1",
]
for call in CALLS:
    try:
        print(f"{call:40} = {eval(call)!r}")
    except Exception as e:
        print(f"{call:40} ! {type(e).__name__}: {e}")
