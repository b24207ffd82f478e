from collections import Counter

TEXT = """
It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was
the epoch of incredulity, it was the season of Light, it was the season of
Darkness, it was the spring of hope, it was the winter of despair.
"""

def words(text):
    out = []
    for raw in text.split():
        w = raw.strip(".,;:!?").lower()
        if w:
            out.append(w)
    return out

counts = Counter(words(TEXT))
print("distinct:", len(counts), "total:", counts.total())
print("top 5:", counts.most_common(5))
for word, n in counts.most_common(3):
    print(f"{word:>8} {'#' * n}")
print("missing word counts zero:", counts["dickens"], "dickens" in counts)

letters = Counter()
for w in words(TEXT):
    letters.update(w)
print("letters:", "".join(sorted(letters))[:10], letters.most_common(4))
print(sorted(letters.elements())[:12])

first = Counter(words(TEXT)[:20])
second = Counter(words(TEXT)[20:])
print("only early:", sorted((first - second).items()))
print("common:", sorted((first & second).items()))
print("max of each:", sorted((first | second).items())[:6])
print(repr(Counter("aab")), str(Counter()), Counter({"x": 0, "y": -2}))
c = Counter(a=3, b=1)
c.subtract(a=5, c=2)
print(c, +c, -c)
c["b"] += 10
del c["zzz"]
print(c.most_common(1), c.total(), dict(c))
