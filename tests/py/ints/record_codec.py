# A fixed-width binary record codec: fields are ints packed with int.to_bytes in a
# chosen byte order, signed or not, and read back with int.from_bytes.

FIELDS = [("id", 4, False), ("delta", 2, True), ("flags", 1, False), ("big", 16, False),
          ("offset", 9, True), ("pad", 0, True)]


def encode(record, order):
    out = b""
    for name, width, signed in FIELDS:
        out += record[name].to_bytes(width, order, signed=signed)
    return out


def decode(data, order):
    record, at = {}, 0
    for name, width, signed in FIELDS:
        record[name] = int.from_bytes(data[at:at + width], order, signed=signed)
        at += width
    return record


records = [
    {"id": 1, "delta": -1, "flags": 255, "big": 2 ** 64, "offset": -2 ** 63, "pad": -1},
    {"id": 2 ** 32 - 1, "delta": 32767, "flags": 0, "big": 2 ** 128 - 1, "offset": 2 ** 64, "pad": 0},
    {"id": 7, "delta": -32768, "flags": 128, "big": 12345678901234567890123, "offset": -1, "pad": 0},
]
for order in ("big", "little"):
    for r in records:
        data = encode(r, order)
        print(order, data.hex(), decode(data, order) == r)

# What does not fit, and bad arguments (the byte order is checked first).
bad = [(2 ** 32, 4, False, "big"), (-1, 4, False, "big"), (128, 1, True, "little"),
       (-129, 1, True, "big"), (2 ** 64 - 1, 8, True, "little"), (-2, 0, True, "big"),
       (5, -1, False, "middle"), (5, -1, False, "big"), (2 ** 70, 3, False, "middle")]
for value, width, signed, order in bad:
    try:
        print(value.to_bytes(width, order, signed=signed).hex())
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print((-1).to_bytes(0, "big", signed=True), (0).to_bytes(0, "little"), (2 ** 63).to_bytes(9, "big", signed=True).hex())
