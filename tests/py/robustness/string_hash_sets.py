# A tag index that keeps sets and dicts of strings and bytes and prints them in
# iteration order, unsorted: with PYTHONHASHSEED=0 (how the golden runners start
# both interpreters) pyvm hashes str and bytes as CPython does, so orders match.
import sys

POSTS = [
    ("intro", "python rust parsing"),
    ("bench", "rust speed dicts hashing"),
    ("unicode", "café naïve straße 東京 emoji😀"),
    ("bytes", "wire protocol framing"),
    ("misc", "a b c d e f g h i j k l m n o p"),
]

index = {}
for name, tags in POSTS:
    for tag in tags.split():
        index.setdefault(tag, set()).add(name)

print("tags:", set(index))
print("index:", index)
print("frozen:", frozenset(t for t in index if len(t) > 4))
print("bytes set:", {t.encode() for t in index if t.isascii()})
print("dict keys:", list(dict.fromkeys(["zeta", "alpha", "mid", "", "é", "€", "😀"])))

# The values themselves: CPython's SipHash-1-3 of the PEP 393 form, -1 never seen.
for s in ["", "a", "abc", "abcdefgh", "abcdefghi", "é", "€uro", "😀", "mixed é€😀", "x" * 100]:
    print(repr(s)[:20], hash(s), hash(s.encode("utf-8")))
print(hash(b""), hash(memoryview(b"abc").tobytes()) == hash(b"abc"))

info = sys.hash_info
print(info.algorithm, info.hash_bits, info.seed_bits, info.cutoff, info.width)
print("randomized:", sys.flags.hash_randomization)

# A dict with many string keys keeps working (and iterating in insertion order).
counts = {}
for i in range(5000):
    key = "k%d" % (i % 997)
    counts[key] = counts.get(key, 0) + 1
print(len(counts), counts["k0"], counts["k996"], list(counts)[:5])
print(sorted(set("the quick brown fox jumps over the lazy dog".split())) == sorted(
    {w for w in "the quick brown fox jumps over the lazy dog".split()}))
print(set("the quick brown fox jumps over the lazy dog".split()))

# Frozensets hash as CPython's frozenset_hash, so sets of them iterate alike too.
groups = {frozenset(t.split()) for _, t in POSTS}
print(hash(frozenset()), hash(frozenset({1, 2, 3})), hash(frozenset({"a", "b"})))
print(groups)
print({frozenset({i, i + 1}) for i in range(8)})
