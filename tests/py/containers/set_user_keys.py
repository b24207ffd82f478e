# Set membership, add and remove with keys whose Python __eq__ raises or decides:
# the exception comes out of the operation, as in CPython.
class Tag:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return hash(self.name.lower())

    def __eq__(self, other):
        if not isinstance(other, Tag):
            raise TypeError("cannot compare Tag with %s" % type(other).__name__)
        return self.name.lower() == other.name.lower()

    def __repr__(self):
        return "Tag(%r)" % self.name


tags = {Tag("Python"), Tag("rust")}
print(len(tags), Tag("PYTHON") in tags, Tag("go") in tags)
tags.add(Tag("RUST"))
print(len(tags))
tags.discard(Tag("python"))
print(sorted(t.name for t in tags))
tags.remove(Tag("Rust"))
print(tags)
try:
    tags.remove(Tag("rust"))
except KeyError as e:
    print("KeyError", e)


class Wild:
    """Hashes like the string it wraps, and refuses to be compared."""

    def __init__(self, s):
        self.s = s

    def __hash__(self):
        return hash(self.s)

    def __eq__(self, other):
        raise ValueError("no comparing " + self.s)


words = {"alpha", "beta"}
for label, op in [
    ("in", lambda: Wild("alpha") in words),
    ("add", lambda: words.add(Wild("beta"))),
    ("discard", lambda: words.discard(Wild("alpha"))),
    ("remove", lambda: words.remove(Wild("beta"))),
    ("frozenset in", lambda: Wild("alpha") in frozenset(words)),
    ("set()", lambda: set([Wild("x"), Wild("x")])),
    ("miss", lambda: Wild("gamma") in words),
]:
    try:
        print(label, op())
    except ValueError as e:
        print(label, "ValueError", e)
print(sorted(words))
