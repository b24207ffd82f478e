# A small report generator whose lookups go through user mappings and sequences:
# natives (format_map, str.format's [key] fields, str.translate, bisect) must
# subscript them as `obj[key]` does.
import bisect


class Defaults(dict):
    """Template values; a missing name renders as a placeholder."""

    def __missing__(self, key):
        return "<" + key + ">"


class Catalog:
    """A read-only mapping over a list of (sku, name) records."""

    def __init__(self, records):
        self._records = list(records)
        self.lookups = 0

    def __getitem__(self, key):
        self.lookups += 1
        for sku, name in self._records:
            if sku == key:
                return name
        raise KeyError(key)


class Scores:
    """A sorted sequence computed on demand (squares), for bisect."""

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if not 0 <= i < self.n:
            raise IndexError(i)
        return i * i


class Tags(list):
    pass


class Upper(dict):
    """A translate table answering every lowercase letter."""

    def __missing__(self, cp):
        ch = chr(cp)
        if ch.islower():
            return ch.upper()
        raise LookupError(cp)


class Rot13:
    def __getitem__(self, cp):
        ch = chr(cp)
        if "a" <= ch <= "z":
            return chr((cp - 97 + 13) % 26 + 97)
        raise IndexError(cp)


def render(template, values):
    return template.format_map(values)


values = Defaults(user="ada", count=3)
print(render("{user} has {count} new {things}", values))
print(render("{user!r:>8}|{missing}", values))

catalog = Catalog([("A1", "anvil"), ("B2", "bolt"), ("C3", "crate")])
print(render("{A1} and {C3}", catalog))
print("lookups:", catalog.lookups)
try:
    render("{Z9}", catalog)
except KeyError as e:
    print("KeyError", e)

print("first tag: {0[0]}, last: {0[2]}".format(Tags(["x", "y", "z"])))
print("item: {0[B2]}".format(catalog))
print("nested: {m[user]}".format(m=values), "{m[nobody]}".format(m=values))

scores = Scores(20)
for x in (0, 10, 50, 361, 400):
    print(x, bisect.bisect_left(scores, x), bisect.bisect_right(scores, x))
tags = Tags(["ant", "bee", "cat"])
print(bisect.bisect(tags, "bat"), bisect.bisect_left(tags, "cat"))

print("hello, world".translate(Upper()))
print("hello, world".translate(Rot13()))
print("abc".translate(Tags(["A", None, "C"])))

for bad in (42, object()):
    try:
        "{x}".format_map(bad)
    except TypeError as e:
        print("TypeError", e)
    try:
        "abc".translate(bad)
    except TypeError as e:
        print("TypeError", e)

# A codec whose decoding table is a user mapping (codecs.charmap_decode asks it).
import codecs
import operator


class Glyphs:
    def __getitem__(self, byte):
        if byte < 32:
            return "^" + chr(byte + 64)
        if byte < 128:
            return chr(byte)
        raise LookupError(byte)


print(codecs.charmap_decode(b"ok\x01\x1b!", "strict", Glyphs()))
print(codecs.charmap_decode(b"a\xffb", "replace", Glyphs()))
rows = [Catalog([("k", n)]) for n in ("pear", "fig", "apple")]
print([r["k"] for r in sorted(rows, key=operator.itemgetter("k"))])
print(list(map(values.__getitem__, ["user", "zip"])))
