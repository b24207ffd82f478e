"""A document tree whose nodes link to their parent and children (a DOM, an AST
with back links): every tree is a nest of reference cycles. Trees are built and
dropped many times; the cycle collector reclaims them, which the nodes' `__del__`
counts and weak reference callbacks show."""
import gc
import weakref

gc.disable()  # collections happen where this program asks for them


class Node:
    created = 0
    finalized = 0

    def __init__(self, tag, parent=None):
        Node.created += 1
        self.tag = tag
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

    def path(self):
        parts = []
        node = self
        while node is not None:
            parts.append(node.tag)
            node = node.parent
        return "/".join(reversed(parts))

    def __del__(self):
        Node.finalized += 1


class Leaf:
    """No finalizer: only weak references see it go."""

    def __init__(self, parent):
        self.parent = parent
        parent.children.append(self)


def build(depth, fanout, tag="root", parent=None):
    node = Node(tag, parent)
    if depth:
        for i in range(fanout):
            build(depth - 1, fanout, f"{tag[0]}{i}", node)
    else:
        Leaf(node)
    return node


# One tree: every node is unreachable once the root goes, yet each is referenced.
root = build(3, 2)
deepest = root.children[1].children[0].children[1]
print("deepest:", deepest.path())
print("nodes:", Node.created)
del root, deepest
print("finalized before collect:", Node.finalized)
print("collected something:", gc.collect() > 0)
print("finalized after collect:", Node.finalized)

# Weak references watch leaves (no __del__) of many trees.
gone = []
refs = []
for round_ in range(50):
    tree = build(2, 3, f"t{round_}")
    leaf = tree.children[0].children[0].children[0]
    refs.append(weakref.ref(leaf, lambda r, n=round_: gone.append(n)))
    del tree, leaf
print("leaves alive before collect:", sum(r() is not None for r in refs))
gc.collect()
print("leaves alive after collect:", sum(r() is not None for r in refs))
print("callbacks:", len(gone), "in order:", gone == sorted(gone))
print("all nodes finalized:", Node.finalized == Node.created)

# A tree kept alive by one reference survives collections, whole.
keep = build(2, 2, "kept")
for _ in range(3):
    gc.collect()
print("kept tree:", [c.path() for c in keep.children], len(keep.children[1].children))
print("its nodes are alive:", Node.created - Node.finalized)
del keep
gc.collect()
print("then all gone:", Node.created - Node.finalized)

# Counting: CPython counts the objects of the cycles it frees.
a, b = Node("a"), Node("b")
a.peer, b.peer = b, a
del a, b
print("two nodes in a cycle:", gc.collect())


class Pair:
    pass


p = Pair()
p.me = p
del p
print("an object referring to itself:", gc.collect())
print("nothing left:", gc.collect())
