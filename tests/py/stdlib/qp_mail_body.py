# A mail body encoder: quoted-printable (binascii.b2a_qp, quopri) must quote a '.'
# that stands alone on its line (SMTP would take it for the end of the message),
# whatever ends the line (\n, \r, \r\n, a NUL, the end of the body).
import binascii
import quopri
import io


class Body(bytes):
    """A message body as the composer hands it over."""


def lines():
    yield b"Dear team,\n"
    yield b".\n"
    yield b"The build is green.\r\n"
    yield b".\r"
    yield b"..\n"
    yield b".\0tail\n"
    yield b"Regards\n."


body = Body(b"".join(lines()))
for istext in (True, False):
    enc = binascii.b2a_qp(body, istext=istext)
    print(istext, enc)
    print("  round trip", binascii.a2b_qp(enc) == body)
for piece in (b".", b".\n", b".\r", b".\0", b".\r\n", b"a.\n", b".a"):
    print(piece, binascii.b2a_qp(piece), binascii.b2a_qp(bytearray(piece), header=True))
out = io.BytesIO()
quopri.encode(io.BytesIO(body), out, quotetabs=False)
print(out.getvalue())
