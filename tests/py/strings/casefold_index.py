# A case-insensitive glossary: entries are keyed by str.casefold(), so German,
# Greek and ligature spellings find each other where lower() would not.
from collections import defaultdict

ENTRIES = [
    "Straße", "STRASSE", "strasse", "Maße", "MASSE",
    "ΣΊΣΥΦΟΣ", "σίσυφος", "Σίσυφοσ",
    "ﬁle", "FILE", "ﬂow", "Flow",
    "ǅemal", "Ǆemal", "µs", "μs", "ſtar", "Star", "İstanbul", "istanbul", "ıtır",
    "ẞ-test", "ss-test", "Ꭰ", "ꭰ",
]

by_fold = defaultdict(list)
by_lower = defaultdict(list)
for word in ENTRIES:
    by_fold[word.casefold()].append(word)
    by_lower[word.lower()].append(word)

print("groups by casefold():", len(by_fold), " by lower():", len(by_lower))
for key in sorted(by_fold):
    print("  %-12s %s" % (ascii(key), by_fold[key]))

for a, b in [("Straße", "STRASSE"), ("ﬁle", "FILE"), ("ΣΊΣΥΦΟΣ", "σίσυφοσ"), ("ıtır", "ITIR")]:
    print(a, b, "lower equal:", a.lower() == b.lower(), "casefold equal:", a.casefold() == b.casefold())
print(ascii("ΣΑΣ".lower()), ascii("ΣΑΣ".casefold()), "".casefold() == "")
