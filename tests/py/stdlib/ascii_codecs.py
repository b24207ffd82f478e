# Encoding binary payloads for text channels with binascii: a message envelope
# (base64 body, hex checksum, CRC), quoted-printable mail bodies, uuencoded
# attachments, and the errors a bad envelope gives.
import binascii


def envelope(payload):
    body = binascii.b2a_base64(payload, newline=False).decode()
    crc = binascii.crc32(payload)
    return "%s|%08x|%s" % (body, crc, binascii.hexlify(payload[:4], "-").decode())


def open_envelope(text):
    body, crc, head = text.split("|")
    payload = binascii.a2b_base64(body)
    if binascii.crc32(payload) != int(crc, 16):
        raise ValueError("checksum mismatch")
    return payload, head


for payload in [b"", b"x", b"hi!", bytes(range(0, 256, 7)), "naïve café".encode()]:
    e = envelope(payload)
    back, head = open_envelope(e)
    print(repr(e[:44]), back == payload, head)

print(binascii.hexlify(b"\xde\xad\xbe\xef\x01", b":", 2), binascii.b2a_hex(b"\x00\xff", " ", -1))
print(binascii.unhexlify("DEADbeef"), binascii.a2b_hex(b"00ff"))
print(binascii.crc32(b"world", binascii.crc32(b"hello ")) == binascii.crc32(b"hello world"), binascii.crc_hqx(b"123456789", 0xffff))

# Lenient and strict base64 decoding.
print(binascii.a2b_base64(b"aGVs\nbG8g\r\nd29y bGQ="), binascii.a2b_base64("aGk=!!ignored"))
for data, strict in [(b"aGVsbG8", False), (b"a", False), (b"abcde", False), (b"=aGk=", True),
                     (b"aGk=aGk=", True), (b"aG*k", True), (b"a=Gk", True)]:
    try:
        print(binascii.a2b_base64(data, strict_mode=strict))
    except binascii.Error as e:
        print("Error:", e)

# Quoted-printable mail bodies.
body = "Prix: 10€ = dix euros\nLigne finale avec espace \nfin".encode("utf-8")
qp = binascii.b2a_qp(body)
print(qp)
print(binascii.a2b_qp(qp) == body, binascii.b2a_qp(b"Subject: hello world_x", header=True))
print(binascii.b2a_qp(b"tabs\tand spaces", quotetabs=True), binascii.a2b_qp(b"soft=\nbreak =3D=41 keep=ZZ"))
print(binascii.b2a_qp(b"x" * 80)[-10:], binascii.b2a_qp(b"line\r\nnext"))

# uuencoding, a line at a time.
attachment = b"attachment data " * 5
lines = [binascii.b2a_uu(attachment[i:i + 45]) for i in range(0, len(attachment), 45)]
print(lines[0], len(lines), b"".join(binascii.a2b_uu(l) for l in lines) == attachment)
print(binascii.b2a_uu(b"\x00\x00\x00", backtick=True), binascii.a2b_uu(b""))

for bad in [lambda: binascii.unhexlify("abc"), lambda: binascii.unhexlify("zz"),
            lambda: binascii.hexlify("text"), lambda: binascii.a2b_base64("é"),
            lambda: binascii.hexlify(b"ab", "--"), lambda: binascii.b2a_uu(b"x" * 46)]:
    try:
        bad()
    except (binascii.Error, TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
print(issubclass(binascii.Error, ValueError), binascii.Incomplete.__name__)
