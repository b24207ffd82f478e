# Bad input: CPython's messages, exception attributes and constructor checks.
import codecs

cases = [
    lambda: b"\xff".decode(),
    lambda: b"ab\xc3".decode("utf-8"),
    lambda: b"ab\xe2\x82".decode("utf-8"),
    lambda: b"\xe2\x28\xa1".decode("utf-8"),
    lambda: b"\xf0\x90\x41".decode("utf-8"),
    lambda: b"\xed\xa0\x80".decode("utf-8"),
    lambda: b"a\x80\x81".decode("ascii"),
    lambda: b"abc".decode("utf-16"),
    lambda: b"\x00\xdc".decode("utf-16-le"),
    lambda: b"\x00\xd8a\x00".decode("utf-16-le"),
    lambda: b"\x00\xd8".decode("utf-16-le"),
    lambda: b"\x00\x00\x11\x00".decode("utf-32-le"),
    lambda: b"\x00\xd8\x00\x00".decode("utf-32-le"),
    lambda: b"ab".decode("utf-32"),
    lambda: b"\x81".decode("cp1252"),
    lambda: "aé€x".encode("ascii"),
    lambda: "€€ and more".encode("latin-1"),
    lambda: "𝄞".encode("ascii"),
    lambda: "✓".encode("cp437"),
    lambda: b"\\x4".decode("unicode_escape"),
    lambda: b"\\u12".decode("unicode_escape"),
    lambda: b"abc\\".decode("unicode_escape"),
    lambda: b"\\N{NO SUCH NAME}".decode("unicode_escape"),
    lambda: b"\\U00110000".decode("unicode_escape"),
    lambda: b"\\u12".decode("raw_unicode_escape"),
    lambda: codecs.escape_decode(b"\\x4"),
    lambda: "x".encode("utf-8", 42),
    lambda: "x".encode(5),
    lambda: codecs.utf_8_decode("str"),
    lambda: codecs.utf_8_encode(b"bytes"),
    lambda: codecs.lookup(42),
    lambda: codecs.register(42),
    lambda: UnicodeDecodeError("x"),
    lambda: UnicodeEncodeError("ascii", b"x", 0, 1, "r"),
    lambda: UnicodeDecodeError("ascii", "x", 0, 1, "r"),
    lambda: UnicodeEncodeError("ascii", "x", "0", 1, "r"),
    lambda: codecs.lookup_error(3),
    lambda: codecs.register_error(1, 2),
]
for i, case in enumerate(cases):
    try:
        r = case()
        print(i, "no error:", r)
    except Exception as e:
        print(i, type(e).__name__ + ":", e)

try:
    "naïve".encode("ascii")
except UnicodeEncodeError as e:
    print(e.encoding, repr(e.object), e.start, e.end, e.reason, e.args)
try:
    b"\x00\xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason)
    e.start, e.end, e.reason = 2, 3, "changed"
    print(e)
print(UnicodeEncodeError("enc", "abc", 0, 3, "why"))
print(UnicodeEncodeError("enc", "\U0001f600", 0, 1, "why"))
print(UnicodeDecodeError("dec", b"\x01\x02", 1, 2, "why"))
print(UnicodeTranslateError("\u20ac", 0, 1, "no"))
print(repr(UnicodeEncodeError("enc", "abc", 1, 2, "why")))
print(issubclass(UnicodeDecodeError, UnicodeError), issubclass(UnicodeError, ValueError))
