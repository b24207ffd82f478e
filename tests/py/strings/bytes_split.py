# bytes/bytearray split and rsplit: sep, maxsplit (by position or keyword), whitespace.
samples = [b"", b"a", b"  a  b  c ", b"a,b,,c,", b",a,b", b"a\x0bb\x0cc\td\ne\rf", b"abcabcab", b"   ", b"x--y--z", b"----"]
seps = [None, b",", b"-", b"--", b"ab", b" "]
for s in samples:
    for sep in seps:
        for maxsplit in [-1, 0, 1, 2, 5]:
            a = s.split(sep, maxsplit)
            b = s.rsplit(sep, maxsplit)
            print(repr(s), repr(sep), maxsplit, a, b)
print(b"a b c".split(maxsplit=1), b"a b c".rsplit(maxsplit=1), b"a,b,c".split(sep=b","), b"a,b".rsplit(b",", maxsplit=0))
print(bytearray(b"k=v=w").split(b"="), bytearray(b"k=v=w").rsplit(bytearray(b"="), 1))
print(b"GET /x HTTP/1.1\r\nHost: a\r\n\r\n".split(b"\r\n"), b"key: value: more".split(b":", 1))
for f in [lambda: b"a".split(b""), lambda: b"a".rsplit(b""), lambda: b"a".split(","), lambda: b"a".split(1),
          lambda: b"a".split(b",", "x"), lambda: b"a".split(foo=1), lambda: b"a".rsplit(b",", maxsplit=None)]:
    try:
        f()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
