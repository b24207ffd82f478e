# Text munging: split with groups, subn, the flags (I, M, S, X, A), unicode case
# folding, word boundaries and escape.
import re

print(re.split(r"\s*[,;]\s*", "a , b;c ;  d"))
print(re.split(r"(\s*[,;]\s*)", "a , b;c"))
print(re.split(r"(?:(,)|(;))", "a,b;c"))
print(re.split(r"\W+", "Words, words, words.", maxsplit=1))
print(re.split(r"x*", "axbc"), re.split(r"\b", "ab cd"))
print(re.split("[:=]", "key=value:other", 1))

print(re.subn(r"(?i)colou?r", "hue", "Colour, color, COLOR, colr"))
print(re.sub(r"(?i)ß", "ss", "Straße STRAẞE"))

VERBOSE = re.compile(r"""
    (?P<int> [+-]? \d+ )      # integer part
    (?: \. (?P<frac> \d+ ) )? # optional fraction
    \s* (?P<unit> [a-z]+ )?   # optional unit
""", re.X | re.I)
for s in ["12", "-3.75 kg", "+0.5M", "42  Units"]:
    print(s.ljust(10), VERBOSE.fullmatch(s).groupdict())

text = "first line\nsecond LINE\nthird line"
print(re.findall(r"^\w+", text), re.findall(r"^\w+", text, re.M))
print(re.findall(r"line$", text), re.findall(r"(?i)line$", text, re.M))
print(re.search(r"line.second", text), re.search(r"line.second", text, re.S))
print(re.findall(r"\Afirst|line\Z", text))

print(re.findall(r"\w+", "naïve café Straße"), re.findall(r"\w+", "naïve café Straße", re.A))
print(re.findall(r"\d", "1٣۵x"), re.findall(r"\d", "1٣۵x", re.ASCII))
print(re.findall(r"(?i)σ", "Σσς"), re.findall(r"(?i)k", "kK\u212a"))
print(re.findall(r"(?i)[a-z]+", "ÀbC dÉf"), re.findall(r"(?ai)[a-z]+", "ÀbC dÉf"))
print(re.match(r"(?i)ǅ", "ǆ"), re.fullmatch(r"(?i)ﬀ", "FF"))
print(re.findall(r"\bcat\b", "cat concat cat's bobcat cat"))
print(re.findall(r"\Bcat\B", "concatenate cat"))
print(re.findall(r"\s+", "a\tb\u00a0c\u2003d"), re.findall(r"\s+", "a\tb\u00a0c", re.A))

print(re.escape("1+1=2? (yes) [a-z] ^$ \\ path/to"))
literal = "price: $5.00 (approx.)"
print(re.findall(re.escape("$5.00"), literal), re.sub(re.escape("(approx.)"), "~", literal))

# Normalise whitespace, strip tags, collapse repeated punctuation.
html = "<p>Hello,   <b>world</b>!!!</p>\n<p>Bye...</p>"
plain = re.sub(r"<[^>]+>", "", html)
plain = re.sub(r"\s+", " ", plain).strip()
plain = re.sub(r"([!.?])\1+", r"\1", plain)
print(plain)

# Flags on compiled patterns and their repr.
for p in [re.compile(r"a+"), re.compile(r"a+", re.I), re.compile(r"x", re.M | re.S | re.X),
          re.compile(r"(?i)y"), re.compile(r"z", re.A), re.compile(b"b+", re.I),
          re.compile("q", re.U)]:
    print(repr(p), p.flags, p.pattern, p.groups)
print(re.compile(r"(?P<a>x)(y)(?P<c>z)").groupindex)
print(re.I | re.M, re.IGNORECASE.value, re.A == re.ASCII)

m = re.search(r"(\w)(\d)?", "a")
print(m.groups(), m.groups("-"), m.group(0, 1, 2), m.span(2), m.start(2))
print(re.match("x*", "xxx y").span(), re.match("", "abc").span(), re.search("$", "abc").span())
print([m.span() for m in re.finditer(r"\w*", "ab  c")])
print(re.findall(r"", "ab"), re.findall(r"a|", "ab"))
p = re.compile(r"\d+")
print(p.search("ab12cd345", 3), p.search("ab12cd345", 5, 8), p.match("12ab", 1), p.findall("1 22 333", 2, 6))
print(p.fullmatch("123x", 0, 3), p.fullmatch("123x"))
