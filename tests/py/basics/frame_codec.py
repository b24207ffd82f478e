# A binary frame codec whose constants are expressions (`1 << 20`, `2**32 - 1`,
# `b'!'[0]`, `-1`): CPython folds them at compile time, and so must pyvm, with the
# same values, while operations that would raise or grow huge stay run-time ones.
import struct

MAX_FRAME = 1 << 20
MASK32 = 2**32 - 1
START = b'!'[0]
END = b'~'[-1]
HEADER = struct.Struct('!BIH')
SEP = '-' * 12
NEG = -(-7)
FLAGS = ~0 & 0xFF
KINDS = ('ping', 'data', 'close')[1:]
PAIR = (1, 2) * 2


def encode(kind, payload):
    if len(payload) > MAX_FRAME:
        raise ValueError('frame too large')
    checksum = sum(payload) & MASK32
    return bytes([START]) + HEADER.pack(kind, checksum, len(payload)) + payload + bytes([END])


def decode(frame):
    if frame[0] != b'!'[0] or frame[-1] != b'~'[0]:
        raise ValueError('bad framing')
    kind, checksum, size = HEADER.unpack(frame[1:1 + HEADER.size])
    payload = frame[1 + HEADER.size:-1]
    if len(payload) != size or sum(payload) & MASK32 != checksum:
        raise ValueError('corrupt frame')
    return kind, payload


def last_of(seq):
    return seq[-1]


def consts_of(f):
    return f.__code__.co_consts


for kind, payload in [(1, b'hello'), (2, bytes(range(40))), (3, b'')]:
    frame = encode(kind, payload)
    print(SEP, kind, len(frame), decode(frame) == (kind, payload))

print(MAX_FRAME, MASK32, START, END, NEG, FLAGS, KINDS, PAIR)
print(last_of([3, 4, 5]), last_of('xyz'))

# Folded values are the values the operations give at run time.
print(2**-1, -2**2, (-2)**2, 7 // -2, -7 % 3, 1e300 * 1e10, -0.0, 3 * 'ab', not 0, not 'x')
print(0x7fffffffffffffff + 1, -9223372036854775808 - 1, 1 << 64, 2**64 // 3)

# Huge results are not made at compile time (CPython's limits), but are computed.
def big():
    return 'x' * 5000, 2**200, 1 << 200, (0,) * 300
print([len(x) if not isinstance(x, int) else x.bit_length() for x in big()])
def mask(x):
    return x & (2**32 - 1), x >> -(-3), b'!'[0]
print(mask(2**40 + 9), 4294967295 in consts_of(mask), 33 in consts_of(mask))
print(('x' * 5000) in consts_of(big), 2**200 in consts_of(big))

# What raises is left to raise at run time, on its own line.
def broken(which):
    if which == 0:
        return 1 / 0
    if which == 1:
        return 'ab'[5]
    if which == 2:
        return 1 << -1
    return (1, 2)[2]

for i in range(4):
    try:
        broken(i)
    except Exception as e:
        print(type(e).__name__, e)

for bad in [b'?abc~', encode(1, b'x')[:-1] + b'!']:
    try:
        decode(bad)
    except ValueError as e:
        print('rejected:', e)
