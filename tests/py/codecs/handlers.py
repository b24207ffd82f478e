# Error handlers: the built-in ones and custom handlers registered with
# codecs.register_error, for a report generator that must never crash on text.
import codecs

samples = ["plain", "café ☕", "Ωmega 𝄞 clef"]
for errors in ["ignore", "replace", "backslashreplace", "xmlcharrefreplace", "namereplace"]:
    print(errors, [s.encode("ascii", errors) for s in samples])
    print(errors, [s.encode("latin-1", errors) for s in samples])
for errors in ["ignore", "replace", "backslashreplace"]:
    print(errors, b"ab\xff\xfecd\xe2\x82".decode("utf-8", errors), b"x\x80y".decode("ascii", errors))
    print(errors, b"\x81\x8d\x90".decode("cp1252", errors))


def to_question(exc):
    if isinstance(exc, UnicodeEncodeError):
        bad = exc.object[exc.start:exc.end]
        return "".join("{U+%04X}" % ord(c) for c in bad), exc.end
    if isinstance(exc, UnicodeDecodeError):
        return "<%s>" % exc.object[exc.start:exc.end].hex(), exc.end
    raise exc


codecs.register_error("report", to_question)
print(codecs.lookup_error("report") is to_question)
print("naïve ☃ 𝄞".encode("ascii", "report"))
print("naïve ☃".encode("cp1252", errors="report"))
print(b"ok\xffok\xc3".decode("utf-8", "report"))
print(b"\x00\xd8a\x00".decode("utf-16-le", "report"))

seen = []


def skip_two(exc):
    seen.append((type(exc).__name__, exc.encoding, exc.start, exc.end, exc.reason))
    return ("", exc.end + 1)


codecs.register_error("skip", skip_two)
print("a€b€cd".encode("ascii", "skip"), seen)
seen.clear()
print(b"a\xffbc\xfed".decode("ascii", "skip"), seen)


def back(exc):
    return ("[?]", -1)


codecs.register_error("back", back)
print(b"ab\xffc".decode("utf-8", "back"))


def bad_result(exc):
    return "nope"


codecs.register_error("bad", bad_result)
for call in [lambda: "é".encode("ascii", "bad"), lambda: b"\xff".decode("utf-8", "bad")]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)


def far(exc):
    return ("", 100)


codecs.register_error("far", far)
try:
    b"\xff".decode("utf-8", "far")
except IndexError as e:
    print("IndexError:", e)

try:
    "é".encode("ascii", "no-such-handler")
except LookupError as e:
    print("LookupError:", e)
try:
    codecs.register_error("x", 42)
except TypeError as e:
    print("TypeError:", e)

# The built-in handlers are callables too.
err = UnicodeEncodeError("ascii", "aé€b", 1, 3, "ordinal not in range(128)")
for name in ["ignore", "replace", "backslashreplace", "xmlcharrefreplace", "namereplace"]:
    print(name, codecs.lookup_error(name)(err))
derr = UnicodeDecodeError("utf-8", b"a\xff\xfeb", 1, 3, "invalid start byte")
for name in ["ignore", "replace", "backslashreplace"]:
    print(name, codecs.lookup_error(name)(derr))
try:
    codecs.lookup_error("xmlcharrefreplace")(derr)
except TypeError as e:
    print("TypeError:", e)
try:
    codecs.strict_errors(derr)
except UnicodeDecodeError as e:
    print("strict re-raised:", e)
