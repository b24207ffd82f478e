# A tokenizer for a small configuration language whose documents are full of
# non-ASCII text, walking the source one code point at a time with s[pos], as
# hand-written parsers (tomli, json decoders, template engines) do. Indexing,
# slicing and find() on non-ASCII text must not cost O(n) each: this document is
# long enough that a quadratic scanner would not finish.

def tokenize(src):
    pos, n = 0, len(src)
    tokens = []
    while pos < n:
        c = src[pos]
        if c in " \t\n":
            pos += 1
        elif c == "#":
            end = src.find("\n", pos)
            pos = n if end == -1 else end
        elif c == '"':
            end = src.index('"', pos + 1)
            tokens.append(("str", src[pos + 1:end]))
            pos = end + 1
        elif c.isdigit():
            start = pos
            while pos < n and src[pos].isdigit():
                pos += 1
            tokens.append(("num", int(src[start:pos])))
        elif c.isalpha() or c == "_":
            start = pos
            while pos < n and (src[pos].isalnum() or src[pos] == "_"):
                pos += 1
            tokens.append(("name", src[start:pos]))
        elif c in "=[],":
            tokens.append(("op", c))
            pos += 1
        else:
            raise SyntaxError(f"unexpected {c!r} at {pos}")
    return tokens


cities = ["Zürich", "Kraków", "São_Paulo", "東京", "Αθήνα", "Москва", "İstanbul", "Reykjavík"]
lines = []
for i in range(6000):
    city = cities[i % len(cities)]
    lines.append(f'# entrée {i} — ville {city}')
    lines.append(f'{city}_{i} = ["{city} ✓", {i * 7}, "naïve café {i}"]')
doc = "\n".join(lines) + "\n"
print("characters:", len(doc), "bytes:", len(doc.encode()))

toks = tokenize(doc)
print("tokens:", len(toks))
print(toks[:9])
print(toks[-9:])
names = [v for k, v in toks if k == "name"]
print(len(names), names[3], names[-1])
print(sum(v for k, v in toks if k == "num"))

# Slicing and searching from the far end of the text.
tail = doc[-120:]
print(repr(tail))
print(doc.rfind("Москва"), doc.find("Reykjavík_5999"), doc[doc.find("東京_5987"):][:12])
print(doc.index("ville İstanbul", len(doc) // 2))
print(doc[::-1][:15], doc[100:200:7])
# Building by +=, then indexing the result (the index is rebuilt after a change).
s = ""
for i in range(3000):
    s += "é" if i % 3 else "a"
    if i % 500 == 499:
        print(i, len(s), s[i], s[i - 1], s[-40:-37], s.find("aéé", i - 10))

# The same document through a regex tokenizer: pattern.match(text, pos) along the
# text, as tomli and most lexers do (each call must not convert the whole text).
import re

TOKEN = re.compile(r'\s+|#[^\n]*|"[^"]*"|\d+|\w+|[=\[\],]')
pos, count, kinds = 0, 0, {}
while pos < len(doc):
    m = TOKEN.match(doc, pos)
    if m is None:
        raise SyntaxError(f"unexpected {doc[pos]!r} at {pos}")
    text = m.group()
    if not text.isspace() and not text.startswith("#"):
        count += 1
        kind = "str" if text.startswith('"') else "num" if text.isdigit() else "name" if text[0].isalpha() or text[0] == "_" else "op"
        kinds[kind] = kinds.get(kind, 0) + 1
    pos = m.end()
print("regex tokens:", count, sorted(kinds.items()))
print(re.findall(r"Москва_\d+", doc)[-3:], len(re.findall("✓", doc)))
print(re.search(r"(\w+)_5999", doc).group(1), re.compile("東京").search(doc, len(doc) - 500).start())
