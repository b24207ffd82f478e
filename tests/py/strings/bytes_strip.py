# The strip family and removeprefix/removesuffix on bytes and bytearray.
for v in [b"  ab c \n", bytearray(b"xxabcxx"), b"", b" \t\r\n\x0b\x0c", b"abc"]:
    print(repr(v))
    print("  ", v.strip(), v.lstrip(), v.rstrip(), v.strip(None), v.rstrip(None))
    print("  ", v.rstrip(b"x \n"), v.lstrip(b"x "), v.strip(b"xa"), v.rstrip(bytearray(b"\n")))
    print("  ", v.removeprefix(b"  a"), v.removeprefix(b"xx"), v.removesuffix(b"xx"))
    print("  ", v.removesuffix(b""), v.removeprefix(bytearray(b"x")), v.removeprefix(b"abcd"))
    print("  ", type(v.rstrip()).__name__, type(v.removesuffix(b"c")).__name__)

line = b"GET /index.html HTTP/1.1\r\n"
print(line.rstrip(b"\r\n").split(b" "))
print(b"0001200".lstrip(b"0"), b"0001200".rstrip(b"0"), b"0001200".strip(b"0"))

for f in [lambda: b"a".rstrip("a"), lambda: b"a".removeprefix("a"), lambda: b"a".lstrip(1),
          lambda: b"a".rstrip(b"a", b"b"), lambda: bytearray(b"a").removesuffix(1),
          lambda: b"a".strip(b"a", None)]:
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
