# A file-format sniffer: guesses the encoding of byte payloads from their BOM,
# then decodes them, as a text importer would.
import codecs

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def sniff(data, fallback="cp1252"):
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return fallback


text = "Grüße, 世界 – naïve café ☕ 𝄞"
payloads = {
    "utf8": text.encode("utf-8"),
    "utf8-sig": text.encode("utf-8-sig"),
    "utf16": text.encode("utf-16"),
    "utf16-be": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "utf32": text.encode("utf-32"),
    "utf32-be": codecs.BOM_UTF32_BE + text.encode("utf-32-be"),
    "latin": "Grüße, naïve café".encode("cp1252"),
}
for label, data in payloads.items():
    enc = sniff(data)
    decoded = data.decode(enc)
    print(f"{label:9} {len(data):3} bytes -> {enc:9} {decoded!r}")

print(codecs.lookup("UTF-8").name, codecs.lookup("latin_1").name, codecs.lookup("U16").name)
print(codecs.lookup("Windows-1252").name, codecs.lookup("koi8_r").name, codecs.lookup("cp437").name)
for enc in ["cp1252", "cp437", "koi8_r", "iso8859_15", "mac_roman", "cp850", "utf-16-le", "utf-32-be", "utf-7"]:
    s = "Привет" if enc == "koi8_r" else "déjà vu €5" if enc in ("cp1252", "iso8859_15", "mac_roman") else "déjà vu"
    b = s.encode(enc)
    print(enc, b, b.decode(enc) == s)

# Codecs that are not text encodings go through codecs.encode/decode only.
print(codecs.encode("Hello, World", "rot13"))
print(codecs.decode(b"68656c6c6f", "hex"), codecs.encode(b"hi", "base64"))
print(codecs.decode(codecs.encode(b"x" * 40, "zlib"), "zlib"))
try:
    "abc".encode("rot13")
except LookupError as e:
    print("LookupError:", e)
print(codecs.encode("ab\u20ac\n", "unicode_escape"), codecs.decode(b"\\u20ac\\t\\x41", "unicode_escape"))
print(codecs.encode("aé€", "raw_unicode_escape"), codecs.decode(b"\\u20ac\\\\", "raw_unicode_escape"))
print(codecs.escape_encode(b"it's\x00\n"), codecs.escape_decode(b"\\x41\\n\\101"))
print("utf-16 units:", codecs.utf_16_be_encode("A𝄞"), codecs.utf_16_ex_decode(b"\xfe\xff\x00A", "strict", 0, True))
print(str(b"caf\xc3\xa9", "utf-8"), bytes("café", "latin-1"), bytearray("ü", "utf-16-le").decode("utf_16_le"))
