# A directory-tree walker built from recursive `yield from` over objects whose
# `__iter__` is a generator, a plain iterator, or broken (CPython's errors).


class Node:
    def __init__(self, name, children=()):
        self.name = name
        self.children = list(children)

    def __iter__(self):
        yield self.name
        for child in self.children:
            yield from child


class Listing:
    """A folder whose entries come from a list: `__iter__` returns a list iterator."""

    def __init__(self, entries):
        self.entries = entries

    def __iter__(self):
        return iter(self.entries)


class Broken:
    def __init__(self, what):
        self.what = what

    def __iter__(self):
        return self.what


class Counter:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return f"tick{self.n}"


def walk(tree):
    seen = yield from tree
    return seen


def in_order(node):
    if node.children:
        yield from in_order(node.children[0])
    yield node.name
    for child in node.children[1:]:
        yield from in_order(child)


root = Node("/", [Node("etc", [Node("hosts"), Node("passwd")]), Node("usr", [Node("bin")])])
print(list(root))
print(list(in_order(root)))
print(list(walk(Listing(["a.txt", "b.txt"]))))
print(list(walk(Counter())))

for bad in (Broken(42), Broken([1, 2]), Broken({}.keys()), 7, None):
    for how in ("yield from", "for", "iter"):
        try:
            if how == "yield from":
                list(walk(bad))
            elif how == "for":
                for _ in bad:
                    pass
            else:
                iter(bad)
        except TypeError as e:
            print(how, type(bad).__name__, "->", e)

# A thrown exception goes down the delegation chain to the innermost generator.
def guarded(name):
    try:
        yield name
        yield name + "!"
    except KeyError as e:
        yield f"{name} caught {e}"


class Guard:
    def __iter__(self):
        return guarded("inner")


g = walk(Guard())
print(next(g))
print(g.throw(KeyError("k")))
g.close()

# Deep delegation: a chain 200 generators long.
def chain(n):
    if n == 0:
        yield "bottom"
        return "done"
    r = yield from chain(n - 1)
    return r


c = chain(200)
print(next(c))
try:
    next(c)
except StopIteration as e:
    print("returned", e.value)
