text = """The quick brown fox jumps over the lazy dog.
The dog barks; the fox runs away!
A quick brown dog? No - a quick brown fox."""

words = []
for line in text.splitlines():
    for raw in line.split():
        w = raw.strip(".,;!?-").lower()
        if w:
            words.append(w)
print(len(words), words[:6])

counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
for word, c in top:
    print(f"{word:<6} {c:>3} {'#' * c}")

def wrap(s, width):
    lines, cur = [], ""
    for w in s.split():
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = cur + " " + w if cur else w
    if cur:
        lines.append(cur)
    return lines

for line in wrap(text, 28):
    print("|" + line.ljust(28) + "|")

def caesar(s, k):
    out = []
    for ch in s:
        if ch.isalpha():
            base = ord("A") if ch.isupper() else ord("a")
            out.append(chr((ord(ch) - base + k) % 26 + base))
        else:
            out.append(ch)
    return "".join(out)

enc = caesar("Hello, World!", 3)
print(enc, caesar(enc, -3))
print(" ".join([w[::-1] for w in "stressed desserts".split()]))
vowels = sum([1 for ch in text.lower() if ch in "aeiou"])
print("vowels:", vowels)
