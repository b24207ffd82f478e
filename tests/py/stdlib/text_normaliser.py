# A search-index text normaliser: folds user input to a canonical key (NFKC, accents
# stripped through NFD and combining classes, case-folded), classifies characters for
# a tokenizer, reads numbers written in any script, measures display width for a
# terminal table, and names characters for an "unknown symbol" report.
import unicodedata
import stringprep

print(unicodedata.unidata_version, unicodedata.ucd_3_2_0.unidata_version)


def strip_accents(text):
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def index_key(text):
    return strip_accents(unicodedata.normalize("NFKC", text)).lower()


queries = ["Crème Brûlée", "ﬁancé", "Ａｌｐｈａ ①②", "Straße", "Ǆemal", "ｶﾀｶﾅ", "Å", "Å", "e\u0301\u0323"]
for q in queries:
    forms = {f: unicodedata.normalize(f, q) for f in ("NFC", "NFD", "NFKC", "NFKD")}
    print(ascii(q), "->", ascii(index_key(q)),
          {f: len(v) for f, v in forms.items()},
          [unicodedata.is_normalized(f, q) for f in forms])
print("same key:", index_key("Å") == index_key("Å") == index_key("å"))


def tokens(text):
    """Words, numbers and symbols by general category (what a tokenizer keys on)."""
    out, word, kind = [], "", None
    for c in text:
        cat = unicodedata.category(c)
        k = "num" if cat[0] == "N" else "word" if cat[0] in "LM" else None
        if k != kind and word:
            out.append((kind, word))
            word = ""
        kind = k
        if k:
            word += c
    if word:
        out.append((kind, word))
    return out


print(tokens("Price: ٣٤٥ dirhams, or 12½ € — ok?"))
for c in "A a 5 ٣ ½ Ⅻ ² ‿ ( ) « » € ⁄ \u200d \u0301 \t 中 ｱ".split(" "):
    if not c:
        continue
    print(f"U+{ord(c):04X} {unicodedata.category(c)} {unicodedata.bidirectional(c) or '-'}"
          f" ccc={unicodedata.combining(c)} eaw={unicodedata.east_asian_width(c)}"
          f" mirrored={unicodedata.mirrored(c)} decimal={unicodedata.decimal(c, None)}"
          f" digit={unicodedata.digit(c, None)} numeric={unicodedata.numeric(c, None)}"
          f" decomposition={unicodedata.decomposition(c)!r}")


def read_number(text):
    """Digits of any script, as int()."""
    return sum(unicodedata.decimal(c) * 10 ** i for i, c in enumerate(reversed(text)))


print(read_number("٣٤٥"), read_number("१२३"), read_number("１２"))


def display_width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in unicodedata.normalize("NFC", text))


for row in ["naïve", "日本語テキスト", "ｶﾀｶﾅ", "e\u0301"]:
    print(f"{ascii(row):40} width {display_width(row)}")

for c in "é€☃中\U0001F600\u00ad\x00":
    print(f"U+{ord(c):04X}", unicodedata.name(c, "<no name>"))
for name in ["SNOWMAN", "latin small letter e with acute", "EURO SIGN", "BYTE ORDER MARK",
             "HANGUL SYLLABLE GAG", "CJK UNIFIED IDEOGRAPH-4E2D"]:
    print(name, "->", ascii(unicodedata.lookup(name)))

# stringprep (RFC 3454) reads the 3.2.0 database.
old = unicodedata.ucd_3_2_0
for c in ["\u0221", "\U0001F600", "a", "\u00a0", "\u200b"]:
    print(f"U+{ord(c):04X} 3.2.0 category {old.category(c)} now {unicodedata.category(c)},",
          "unassigned in 3.2:", stringprep.in_table_a1(c), "space:", stringprep.in_table_c12(c),
          "maps to nothing:", stringprep.in_table_b1(c))
print(ascii(stringprep.map_table_b2("\u00c5")), ascii(stringprep.map_table_b3("ß")),
      old.name("\U0001F600", "not in 3.2"), "straße.example".encode("idna"))

errors = [
    lambda: unicodedata.name("\x00"),
    lambda: unicodedata.lookup("NO SUCH CHARACTER"),
    lambda: unicodedata.decimal("x"),
    lambda: unicodedata.digit("x"),
    lambda: unicodedata.numeric("x"),
    lambda: unicodedata.category("ab"),
    lambda: unicodedata.category(65),
    lambda: unicodedata.normalize("NFX", "a"),
    lambda: unicodedata.normalize("NFC", b"a"),
    lambda: unicodedata.name(),
    lambda: unicodedata.UCD(),
]
for e in errors:
    try:
        print("no error:", e())
    except (ValueError, KeyError, TypeError) as exc:
        print(type(exc).__name__, exc)
