# Text clean-up for a search index: str.translate tables, encodings with error
# handlers, slug generation, and dict views used as sets to diff vocabularies.

ACCENTS = str.maketrans("àáâäãåçèéêëìíîïñòóôöõùúûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy")
PUNCT = str.maketrans({c: " " for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"})
SMART = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "--", "…": "..."})


def normalize(text):
    return " ".join(text.lower().translate(ACCENTS).translate(PUNCT).split())


def slug(text, maxlen=30):
    words = normalize(text).split()
    out = ""
    for w in words:
        cand = w if not out else out + "-" + w
        if len(cand) > maxlen:
            break
        out = cand
    return out or "untitled"


def vocabulary(doc):
    counts = {}
    for w in normalize(doc).split():
        counts[w] = counts.get(w, 0) + 1
    return counts


docs = {
    "a": "Café Society — “Crème brûlée” costs €5… isn’t that naïve?",
    "b": "The café's crème brûlée: naive pricing, 5 euros!",
    "c": "Señor Müller’s façade (rénovation) – ÜBER-cool",
}
for k in sorted(docs):
    d = docs[k]
    print(k, repr(normalize(d)))
    print("  slug:", slug(d), "| smart->plain:", d.translate(SMART))
    print("  ascii/replace:", d.encode("ascii", "replace"))
    print("  ascii/ignore:", d.encode("ascii", errors="ignore").decode())
    print("  ascii/xml:", d.encode("ascii", "xmlcharrefreplace")[:60])
    print("  latin-1/backslash:", d.encode("latin-1", "backslashreplace").decode("latin-1")[:70])

va, vb = vocabulary(docs["a"]), vocabulary(docs["b"])
print("shared:", sorted(va.keys() & vb.keys()))
print("only a:", sorted(va.keys() - vb.keys()))
print("either:", len(va.keys() | vb.keys()), "sym:", sorted(va.keys() ^ vb.keys()))
print("same pairs:", sorted(va.items() & vb.items()))
print(va.keys() == set(va), vb.keys() != va.keys(), {"5"} <= set(va.keys()))

raw = "naïve ✓ text".encode("utf-8")
print(raw, raw.decode("utf-8"), raw.decode("latin-1"))
print(raw[:3].decode("utf-8", "replace"), raw[:3].decode("utf-8", "ignore"), raw.decode("ascii", "replace"))
for bad, enc in [(raw, "ascii"), (raw[:3], "utf-8"), (b"\xff\xfe", "utf-8")]:
    try:
        bad.decode(enc)
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
for s in ["naïve", "✓✓ ok", "日本"]:
    try:
        s.encode("ascii")
    except UnicodeEncodeError as e:
        print("UnicodeEncodeError:", e)
try:
    str.maketrans("abc", "xy")
except ValueError as e:
    print("ValueError:", e)
print("abc".translate({ord("a"): "AA", ord("b"): None, ord("c"): 0x263A}))
