# A custom codec registered with codecs.register: a search function returning a
# CodecInfo for a toy "shout" codec and a byte-mapping "leet" charmap codec.
import codecs

leet_decoding = "".join(chr(i) for i in range(256))
leet_decoding = leet_decoding[:ord("4")] + "a" + leet_decoding[ord("4") + 1:]
leet_decoding = leet_decoding[:ord("3")] + "e" + leet_decoding[ord("3") + 1:]
leet_decoding = leet_decoding[:0x80] + "\ufffe" * 128
leet_encoding = codecs.charmap_build(leet_decoding)


def shout_encode(text, errors="strict"):
    return text.upper().encode("ascii", errors), len(text)


def shout_decode(data, errors="strict"):
    return bytes(data).decode("ascii", errors).lower(), len(data)


calls = []


def search(name):
    calls.append(name)
    if name == "shout":
        return codecs.CodecInfo(shout_encode, shout_decode, name="shout")
    if name == "leet_speak":
        return codecs.CodecInfo(
            lambda s, errors="strict": codecs.charmap_encode(s, errors, leet_encoding),
            lambda b, errors="strict": codecs.charmap_decode(b, errors, leet_decoding),
            name="leet-speak")
    if name == "broken":
        return ("only", "three", "items")
    return None


codecs.register(search)
print("hello".encode("shout"), b"HELLO".decode("SHOUT"))
print(codecs.lookup("Shout").name, codecs.lookup("Leet Speak").name)
print(codecs.encode("hello", "shout"), codecs.decode(b"W0RLD", "shout"))
print(b"h4ck3r".decode("leet-speak"), "hacker".encode("leet_speak"))
try:
    "h\xe9".encode("leet-speak")
except UnicodeEncodeError as e:
    print(e)
print("h\xe9".encode("leet-speak", "replace"), b"\xff".decode("leet-speak", "replace"))
print(calls)
codecs.lookup("shout")
print(len(calls), "lookups (cached)")
try:
    codecs.lookup("broken")
except TypeError as e:
    print("TypeError:", e)
try:
    codecs.lookup("no such codec")
except LookupError as e:
    print("LookupError:", e)
try:
    "x".encode("no-such-codec")
except LookupError as e:
    print("LookupError:", e)
codecs.unregister(search)
try:
    codecs.lookup("shout")
except LookupError as e:
    print("after unregister:", e)

# A codec returning the wrong type for str.encode / bytes.decode.
def wrong(name):
    if name == "wrong":
        return codecs.CodecInfo(lambda s, e="strict": (s, len(s)), lambda b, e="strict": (bytes(b), len(b)), name="wrong")


codecs.register(wrong)
for call in [lambda: "x".encode("wrong"), lambda: b"x".decode("wrong")]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
print(codecs.encode("same", "wrong"), codecs.decode(b"same", "wrong"))

# charmap with a dict mapping, and a decoding table of str values
print(codecs.charmap_decode(b"\x01\x02", "strict", {1: "one ", 2: 0x263A}))
print(codecs.charmap_encode("ab", "strict", {ord("a"): 1, ord("b"): b"BB"}))
try:
    codecs.charmap_decode(b"\x01\x05", "strict", {1: "x"})
except UnicodeDecodeError as e:
    print(e)
