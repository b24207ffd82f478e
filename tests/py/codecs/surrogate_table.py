"""A codec round-trip table: lone surrogates and escaped bytes through the UTF codecs
and the single-byte ones, with every built-in error handler and a custom one."""
import codecs

SAMPLES = [
    ("lone high", "a\ud800b"),
    ("lone low", "\udc80z"),
    ("two lones", "\ud83d\ude00"),
    ("escaped bytes", "ok\udcff\udc80"),
    ("astral", "\U0001f600"),
]
ENCODINGS = ["utf-8", "utf-16-le", "utf-16-be", "utf-16", "utf-32-le", "utf-32", "ascii", "latin-1", "cp1252", "utf-7"]
HANDLERS = ["strict", "surrogatepass", "surrogateescape", "replace", "ignore", "backslashreplace", "xmlcharrefreplace", "namereplace"]


def attempt(fn):
    try:
        return fn()
    except UnicodeError as e:
        return "%s[%d:%d] %s" % (type(e).__name__, e.start, e.end, e.reason)


def encode_table():
    for label, text in SAMPLES:
        print("== %s %s" % (label, ascii(text)))
        for enc in ENCODINGS:
            row = []
            for h in HANDLERS:
                r = attempt(lambda: text.encode(enc, h))
                row.append(r.hex() if isinstance(r, bytes) else r)
            print("  %-9s %s" % (enc, " | ".join(row)))


def decode_table():
    blobs = [
        ("utf-8", b"a\xed\xa0\x80b"),
        ("utf-8", b"\xed\xb2\x80\xff"),
        ("utf-8", b"x\xed\xa0"),
        ("utf-16-le", b"\x00\xd8a\x00"),
        ("utf-16-le", b"\x3d\xd8\x00\xde"),
        ("utf-16-be", b"\xdc\x00"),
        ("utf-16-le", b"\x00\xd8"),
        ("utf-32-le", b"\x00\xd8\x00\x00"),
        ("ascii", b"ab\x80\xff"),
        ("latin-1", b"\xff"),
        ("utf-7", b"+2AA-"),
    ]
    for enc, blob in blobs:
        row = []
        for h in ["strict", "surrogatepass", "surrogateescape", "replace", "backslashreplace"]:
            r = attempt(lambda: blob.decode(enc, h))
            row.append(ascii(r) if isinstance(r, str) and not r.startswith("Unicode") else r)
        print("  %-9s %-26r %s" % (enc, blob, " | ".join(row)))


def round_trips():
    for raw in [b"\xff\xfe\x00abc", b"caf\xe9", b"\xed\xa0\x80", bytes(range(0x80, 0x88))]:
        text = raw.decode("utf-8", "surrogateescape")
        back = text.encode("utf-8", "surrogateescape")
        print("  escape %-30r -> %-40s back=%s" % (raw, ascii(text), back == raw))
    for text in ["\ud800", "\udfff\ud800", "a\ud83d\ude00b", "\ud83d\ude00"]:
        for enc in ["utf-8", "utf-16-le", "utf-32-be"]:
            data = text.encode(enc, "surrogatepass")
            back = data.decode(enc, "surrogatepass")
            print("  pass %-7s %-22s %-32s back=%s len=%d" % (enc, ascii(text), data.hex(), back == text, len(back)))


def custom_handler():
    seen = []

    def mark(exc):
        seen.append((type(exc).__name__, exc.encoding, ascii(exc.object[exc.start:exc.end]), exc.start, exc.end))
        if isinstance(exc, UnicodeEncodeError):
            return ("<%s>" % ",".join("%x" % ord(c) for c in exc.object[exc.start:exc.end]), exc.end)
        return ("".join("\\%02X" % b for b in exc.object[exc.start:exc.end]), exc.end)

    codecs.register_error("test.mark", mark)
    print("  ", "x\ud800\udc80y\udfffz".encode("utf-8", "test.mark"))
    print("  ", "x\ud800y".encode("utf-16-le", "test.mark"))
    print("  ", ascii(b"a\xed\xa0\x80\xffb".decode("utf-8", "test.mark")))
    for s in seen:
        print("   seen", s)
    se = codecs.lookup_error("surrogateescape")
    sp = codecs.lookup_error("surrogatepass")
    print("  ", se(UnicodeDecodeError("utf-8", b"a\xff\xfe\x00", 1, 4, "x")))
    print("  ", se(UnicodeEncodeError("utf-8", "a\udcff\udc80", 1, 3, "x")))
    print("  ", sp(UnicodeEncodeError("utf-16-be", "a\ud800\udfff", 1, 3, "x")))
    print("  ", ascii(sp(UnicodeDecodeError("utf-32-le", b"\x00\xdc\x00\x00", 0, 4, "x"))))
    print("  ", ascii(sp(UnicodeDecodeError("utf-8", bytearray(b"a\xed\xbf\xbfb"), 1, 4, "x"))))
    print("  ", ascii(se(UnicodeDecodeError("utf-8", bytearray(b"a\xff"), 1, 2, "x"))))

    # A replacement the UTF encoders cannot take: not ASCII, or not whole code units.
    def give(rep):
        codecs.register_error("test.give", lambda exc: (rep, exc.end))
    for enc, rep in [("utf-8", "\U0001f40d"), ("utf-16", "\xe9"), ("utf-16-le", b"a"), ("utf-32-be", b"abcde"), ("utf-16-le", b"ab"), ("latin-1", "\xbd")]:
        give(rep)
        print("   give %-9s %-14s %s" % (enc, ascii(rep), attempt(lambda: "[\udc80]".encode(enc, "test.give"))))
    for h, exc in [(se, UnicodeEncodeError("utf-8", "a\ud800", 1, 2, "no")), (sp, UnicodeEncodeError("latin-1", "\ud800", 0, 1, "no"))]:
        try:
            h(exc)
        except UnicodeEncodeError as e:
            print("   re-raised", e is exc, e)


def incremental():
    # A stream decoder fed a byte at a time: an encoded surrogate waits for its
    # third byte before surrogatepass takes it.
    data = "a\ud800\udfffb".encode("utf-8", "surrogatepass")
    for errors in ["surrogatepass", "surrogateescape", "replace"]:
        dec = codecs.getincrementaldecoder("utf-8")(errors)
        pieces = [dec.decode(data[i:i + 1]) for i in range(len(data))] + [dec.decode(b"", final=True)]
        print("  %-16s %s" % (errors, ascii(pieces)))
    dec = codecs.getincrementaldecoder("utf-8")("surrogatepass")
    print("  cut at end:", ascii(dec.decode(b"x\xed\xa0")), attempt(lambda: dec.decode(b"", final=True)))
    # UTF-7 keeps a high surrogate only when the shift sequence ends cleanly.
    for raw in [b"a+2AE-b", b"a+2AE\xffb", b"a+2AEA-b", b"a+IKwgrNgB-b", b"a+IKwgrNgBA-b", b"+IKwgrCCsA-", b"a+2AEgrA-"]:
        print("  utf-7 %-18r %s" % (raw, ascii(raw.decode("utf-7", "replace"))))


print("encode:")
encode_table()
print("decode:")
decode_table()
print("round trips:")
round_trips()
print("incremental:")
incremental()
print("custom:")
custom_handler()
