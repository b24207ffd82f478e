# Decoding with UTF-8 under every error handler: a handler is looked up only when
# an error happens (CPython's order), valid text decodes whatever it names.
cases = [b'abc', 'h\xe9llo \u20ac'.encode(), b'\xff', b'\xed\xa0\x80', b'']
for b in cases:
    for enc in ('utf-8', 'UTF8', 'utf_8', 'latin-1'):
        for err in ('strict', 'surrogatepass', 'replace', 'bogus'):
            try:
                r = b.decode(enc, err)
                print(repr(r), end=' ')
            except (UnicodeDecodeError, LookupError) as e:
                print(type(e).__name__, e, end=' | ')
    print()
print(str(b'xyz', 'utf-8', 'surrogatepass'), b'ok'.decode(), b'ok'.decode(errors='x'), b'ok'.decode(encoding='utf8'))
class B(bytes): pass
print(B(b'sub').decode('utf-8'))
try:
    b'x'.decode(1)
except TypeError as e:
    print(e)
try:
    b'x'.decode('utf-8', 1)
except TypeError as e:
    print(e)
