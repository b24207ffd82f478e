# Tree traversals with `yield from`: a binary search tree of nested tuples, a
# filesystem-like nested dict, and flattening arbitrarily nested lists.

def insert(tree, key):
    if tree is None:
        return (None, key, None)
    left, k, right = tree
    if key < k:
        return (insert(left, key), k, right)
    return (left, k, insert(right, key))


def inorder(tree):
    if tree is not None:
        left, k, right = tree
        yield from inorder(left)
        yield k
        yield from inorder(right)


def preorder(tree):
    if tree is not None:
        yield tree[1]
        yield from preorder(tree[0])
        yield from preorder(tree[2])


def depth(tree):
    # A generator's return value is what `yield from` evaluates to.
    if tree is None:
        return 0
    yield tree[1]
    left = yield from depth(tree[0])
    right = yield from depth(tree[2])
    return 1 + max(left, right)


def run(gen):
    items = []
    while True:
        try:
            items.append(next(gen))
        except StopIteration as stop:
            return items, stop.value


tree = None
for key in [50, 30, 70, 20, 40, 60, 80, 35, 45, 65]:
    tree = insert(tree, key)
print("inorder: ", list(inorder(tree)))
print("preorder:", list(preorder(tree)))
print("depth:   ", run(depth(tree)))

FS = {
    "src": {"main.py": 120, "util": {"io.py": 40, "text.py": 75}},
    "docs": {"index.md": 10},
    "README": 3,
    "empty": {},
}


def walk(node, path=""):
    for name in sorted(node):
        child = node[name]
        full = f"{path}/{name}"
        if isinstance(child, dict):
            yield (full + "/", None)
            yield from walk(child, full)
        else:
            yield (full, child)


for p, size in walk(FS):
    print(f"{p:22} {'' if size is None else size}")
print("total size:", sum(size for _, size in walk(FS) if size))
print("largest:", max((s, p) for p, s in walk(FS) if s))


def flatten(items):
    for x in items:
        if isinstance(x, (list, tuple)):
            yield from flatten(x)
        else:
            yield x


print(list(flatten([1, [2, [3, [4, [5]]]], (6, 7), [], [[8], 9]])))


def paths(tree, prefix=()):
    # Every root-to-leaf path.
    if tree is None:
        return
    left, k, right = tree
    if left is None and right is None:
        yield prefix + (k,)
    yield from paths(left, prefix + (k,))
    yield from paths(right, prefix + (k,))


for p in paths(tree):
    print(" -> ".join(map(str, p)))
