TEXT = """It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity,
it was the season of Light, it was the season of Darkness"""

def normalize(word):
    return "".join([c for c in word.lower() if c.isalpha()])

freq = {}
for word in TEXT.split():
    w = normalize(word)
    if w:
        freq[w] = freq.get(w, 0) + 1

ranked = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))
for w, n in ranked[:8]:
    print(f"{w:>12} {n:2d} {'*' * n}")
print(len(freq), "distinct words,", sum(freq.values()), "total")
longest = max(freq, key=lambda w: (len(w), w))
print("longest:", longest)
by_len = {}
for w in freq:
    by_len.setdefault(len(w), []).append(w)
for n in sorted(by_len):
    print(n, sorted(by_len[n]))
