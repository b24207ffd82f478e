# Huffman compression: count frequencies, build the tree with a hand-written
# min-heap of nodes, make the code table, pack bits into bytes and decode back.

class Leaf:
    __slots__ = ("symbol", "weight", "order")

    def __init__(self, symbol, weight, order):
        self.symbol, self.weight, self.order = symbol, weight, order


class Branch:
    __slots__ = ("left", "right", "weight", "order")

    def __init__(self, left, right, order):
        self.left, self.right = left, right
        self.weight = left.weight + right.weight
        self.order = order


def heap_push(heap, item):
    heap.append(item)
    i = len(heap) - 1
    while i and (heap[i].weight, heap[i].order) < (heap[(i - 1) // 2].weight, heap[(i - 1) // 2].order):
        heap[i], heap[(i - 1) // 2] = heap[(i - 1) // 2], heap[i]
        i = (i - 1) // 2


def heap_pop(heap):
    top = heap[0]
    last = heap.pop()
    if heap:
        heap[0] = last
        i = 0
        while True:
            kids = [k for k in (2 * i + 1, 2 * i + 2) if k < len(heap)]
            if not kids:
                break
            k = min(kids, key=lambda k: (heap[k].weight, heap[k].order))
            if (heap[k].weight, heap[k].order) < (heap[i].weight, heap[i].order):
                heap[i], heap[k] = heap[k], heap[i]
                i = k
            else:
                break
    return top


def build_tree(data):
    freq = {}
    for b in data:
        freq[b] = freq.get(b, 0) + 1
    heap = []
    order = 0
    for sym in sorted(freq):
        heap_push(heap, Leaf(sym, freq[sym], order))
        order += 1
    if len(heap) == 1:
        only = heap_pop(heap)
        return Branch(only, Leaf(None, 0, order), order + 1), freq
    while len(heap) > 1:
        a, b = heap_pop(heap), heap_pop(heap)
        heap_push(heap, Branch(a, b, order))
        order += 1
    return heap[0], freq


def code_table(node, prefix="", table=None):
    if table is None:
        table = {}
    if isinstance(node, Leaf):
        if node.symbol is not None:
            table[node.symbol] = prefix or "0"
        return table
    code_table(node.left, prefix + "0", table)
    code_table(node.right, prefix + "1", table)
    return table


def encode(data):
    tree, freq = build_tree(data)
    table = code_table(tree)
    bits = "".join([table[b] for b in data])
    pad = (8 - len(bits) % 8) % 8
    bits += "0" * pad
    packed = bytes([int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)])
    return tree, table, packed, len(bits) - pad


def decode(tree, packed, nbits):
    bits = "".join([format(b, "08b") for b in packed])[:nbits]
    out = bytearray()
    node = tree
    for bit in bits:
        node = node.left if bit == "0" else node.right
        if isinstance(node, Leaf):
            out.append(node.symbol)
            node = tree
    return bytes(out)


samples = [
    b"abracadabra",
    b"the quick brown fox jumps over the lazy dog",
    b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
    b"zzzz",
    "mississippi ✓✓".encode(),
]
for data in samples:
    tree, table, packed, nbits = encode(data)
    back = decode(tree, packed, nbits)
    ratio = len(packed) / len(data)
    print(f"{data[:24]!r:30} {len(data):3d} -> {len(packed):3d} bytes ({ratio:.0%}) ok={back == data}")
    top = sorted(table.items(), key=lambda kv: (len(kv[1]), kv[0]))[:4]
    print("   ", ", ".join([f"{chr(s)!r}:{c}" for s, c in top]), "| hex", packed[:8].hex())
tree, freq = build_tree(b"abracadabra")
print(sorted(freq.items()), tree.weight, code_table(tree))
