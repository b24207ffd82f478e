# Run-length, base64-like and hex encoders over bytes, with round-trip checks.

ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
DECODE = {c: i for i, c in enumerate(ALPHABET)}


def rle_encode(data):
    out = bytearray()
    i = 0
    while i < len(data):
        j = i
        while j < len(data) and data[j] == data[i] and j - i < 255:
            j += 1
        out.append(j - i)
        out.append(data[i])
        i = j
    return bytes(out)


def rle_decode(data):
    if len(data) % 2:
        raise ValueError("truncated RLE stream")
    out = bytearray()
    for k in range(0, len(data), 2):
        out.extend(bytes([data[k + 1]]) * data[k])
    return bytes(out)


def b64_encode(data):
    out = bytearray()
    for i in range(0, len(data), 3):
        chunk = data[i:i + 3]
        n = int.from_bytes(chunk.ljust(3, b"\0"), "big")
        quad = [(n >> s) & 63 for s in (18, 12, 6, 0)]
        enc = bytes([ALPHABET[q] for q in quad])
        out += enc[:len(chunk) + 1] + b"=" * (3 - len(chunk))
    return bytes(out)


def b64_decode(text):
    text = text.rstrip(b"=")
    bits, nbits, out = 0, 0, bytearray()
    for pos, c in enumerate(text):
        if c not in DECODE:
            raise ValueError(f"invalid character {chr(c)!r} at {pos}")
        bits = (bits << 6) | DECODE[c]
        nbits += 6
        if nbits >= 8:
            nbits -= 8
            out.append((bits >> nbits) & 0xFF)
    return bytes(out)


def hexdump(data, width=8):
    lines = []
    for off in range(0, len(data), width):
        row = data[off:off + width]
        hexes = " ".join([f"{b:02x}" for b in row])
        text = "".join([chr(b) if 32 <= b < 127 else "." for b in row])
        lines.append(f"{off:04x}  {hexes:<{width * 3 - 1}}  |{text}|")
    return "\n".join(lines)


samples = [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar",
           b"aaaaaaaaaabbbcccccccccccccccccd", bytes(range(0, 256, 17)),
           "héllo wörld ✓".encode("utf-8"), b"\x00" * 300]
for s in samples:
    enc = b64_encode(s)
    rle = rle_encode(s)
    assert b64_decode(enc) == s, s
    assert rle_decode(rle) == s, s
    print(f"{len(s):3d} {enc[:24]!r:30} rle={len(rle):3d} {rle[:10].hex()}")

print(hexdump(b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n\x00\x01\xfe"))
print(b64_decode(b"aGVsbG8gd29ybGQ=").decode())
for bad in [b"abc$", b"a b"]:
    try:
        b64_decode(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    rle_decode(b"\x03a\x02")
except ValueError as e:
    print("ValueError:", e)

# bytes methods a real codec uses
packet = b"  LEN:0012;TYPE:ping;BODY:hello world!\r\n"
header, _, body = packet.strip().rpartition(b";BODY:")
fields = dict([f.split(b":", 1) for f in header.split(b";")])
print(fields, body, int(fields[b"LEN"]), body.isalpha(), body.title(), body.upper().center(20, b"*"))
print(bytes.fromhex("48 65 6c 6c 6f"), b"Hello".hex(), bytes.fromhex(b"Hi".hex()).swapcase())
print(b"%s:%04d:%x:%r" % (b"id", 42, 255, b"raw"), b"%-6s|%6s|" % (b"ab", b"cd"))
print(b"a-b-c".rindex(b"-"), b"a-b-c".find(b"-", 2), b"a-b-c".count(b"-"), b"a\r\nb\nc".splitlines())
table = bytes.maketrans(b"abc", b"xyz")
print(b"aabbcc dd".translate(table), b"aabbcc dd".translate(None, b" d"), b"12".zfill(5))
buf = bytearray(b"world")
buf.insert(0, ord(" "))
buf[0:0] = b"hello"
buf.remove(ord("o"))
print(buf, buf.pop(), buf.pop(0), buf, bytes(buf).startswith((b"x", b"el")))
try:
    bytes.fromhex("4g")
except ValueError as e:
    print("ValueError:", e)
try:
    b"abc".index(b"d")
except ValueError as e:
    print("ValueError:", e)
try:
    b"%s" % "text"
except TypeError as e:
    print("TypeError:", e)
