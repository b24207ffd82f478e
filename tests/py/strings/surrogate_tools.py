"""Text tools meeting lone surrogates: a JSON escaper, a sorter, a character
inspector, and source literals (`\\ud800` escapes, f-strings, `ast`)."""
import ast
import json
import unicodedata

WORDS = ["zeta", "\ue000pua", "\ud800hi", "\udfffend", "\uffffmax", "\U0001f600emoji", "\ud7fflast", "alpha", "\U0010ffffend"]


def sorter():
    print("sorted:", ascii(sorted(WORDS)))
    print("reverse:", ascii(sorted(WORDS, reverse=True)))
    print("by key:", ascii(sorted(WORDS, key=lambda w: w[0])))
    pairs = [("\ud800", "\ue000"), ("\udfff", "\U00010000"), ("\ud7ff", "\ud800"), ("\U0010ffff", "\udfff"), ("a\ud800", "a\ud800")]
    for a, b in pairs:
        print("  %-14s %-14s < %-5s == %-5s > %s" % (ascii(a), ascii(b), a < b, a == b, a > b))
    print("min/max:", ascii(min(WORDS)), ascii(max(WORDS)))
    d = {w: len(w) for w in WORDS}
    print("dict:", d["\ud800hi"], "\udfffend" in d, hash("\ud800") == hash(chr(0xD800)))
    print("set:", len({"\ud800", chr(0xD800), "\ud800"[:1], "\udc00"}))


def inspector(text):
    for c in text:
        print("  U+%04X %-10s %s printable=%s upper=%s name=%s" % (
            ord(c), ascii(c), unicodedata.category(c), c.isprintable(),
            ascii(c.upper()), unicodedata.name(c, "-")))


def json_tool():
    docs = ["plain", "a\ud800b", "\udc80", "\ud83d\ude00", "\U0001f600", "tab\there"]
    for doc in docs:
        enc = json.dumps({"v": doc})
        raw = json.dumps(doc, ensure_ascii=False)
        back = json.loads(enc)["v"]
        print("  %-22s %-34s %-14s back=%s" % (ascii(doc), enc, ascii(raw), back == doc))
    for src in ['"\\ud800"', '"\\udc00\\ud800"', '"\\ud83d\\ude00"', '"x\\udfffy"', '["\\ud800", {"\\udc80": 1}]']:
        print("  loads %-28s -> %s" % (src, ascii(json.loads(src))))
    print("  sort_keys", json.dumps({"\ue000": 1, "\ud800": 2, "z": 3}, sort_keys=True))


def literals():
    name = "x"
    parts = ["\ud800", "\udc80\udcff", "\uDBFF\uDFFF", f"<{name}\ud801>", rf"\ud800{name}", "\N{SNOWMAN}\udead", "\x41\101\u00e9\U0001F600"]
    for p in parts:
        print("  %-24s len=%d codes=%s" % (ascii(p), len(p), [hex(ord(c)) for c in p]))
    tree = ast.parse("x = '\\ud800' + f'{y}\\udc80'")
    print("  ast:", ascii(ast.dump(tree.body[0].value)))
    print("  eval:", ascii(eval("'\\udfff' * 2")), ascii(compile("'\\ud800'", "<s>", "eval").co_consts))
    print("  chr/ord:", ascii(chr(0xDBFF)), ord("\udbff"), ascii("%c%c" % (0xD800, 0xDC00)), ascii("{:c}".format(0xDFFF)))
    print("  repr:", repr("\ud800'q"), repr("\udc80\t"), ascii("\ud800"), str("\ud800") == "\ud800")
    print("  methods:", ascii("a\ud800b".split("\ud800")), "a\ud800b".find("\ud800"), ascii("\ud800".center(5, "*")), "\ud800".isalpha())
    print("  translate:", ascii("a\ud800b".translate({0xD800: "S", ord("a"): 0xDC80})), ascii(str.maketrans("\ud800", "x")))


print("sorter:")
sorter()
print("inspector:")
inspector("a\ud800\udbff\udc00\udfff\ue000")
print("json:")
json_tool()
print("literals:")
literals()
print("streams:")
import sys
try:
    print("name: \udcff")
except UnicodeEncodeError as e:
    print("  stdout refused:", e)
sys.stdout.flush()
print("warning: bad byte in \udcfe.txt", file=sys.stderr)
sys.stderr.write("raw \ud800\n")
sys.stderr.flush()
raise ValueError("cannot open \udcff\udcfe.txt")
