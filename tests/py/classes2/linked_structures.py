# A doubly linked list and a binary search tree, iterable through __iter__
# classes (no generators), with __len__, __contains__, __getitem__, __reversed__.

class _Node:
    __slots__ = ("value", "prev", "next")

    def __init__(self, value):
        self.value = value
        self.prev = self.next = None


class _ListIter:
    def __init__(self, node, forward=True):
        self.node = node
        self.forward = forward

    def __iter__(self):
        return self

    def __next__(self):
        if self.node is None:
            raise StopIteration
        v = self.node.value
        self.node = self.node.next if self.forward else self.node.prev
        return v


class LinkedList:
    def __init__(self, items=()):
        self.head = self.tail = None
        self.size = 0
        for it in items:
            self.append(it)

    def append(self, value):
        node = _Node(value)
        if self.tail is None:
            self.head = self.tail = node
        else:
            node.prev, self.tail.next = self.tail, node
            self.tail = node
        self.size += 1

    def appendleft(self, value):
        node = _Node(value)
        if self.head is None:
            self.head = self.tail = node
        else:
            node.next, self.head.prev = self.head, node
            self.head = node
        self.size += 1

    def _node_at(self, i):
        if i < 0:
            i += self.size
        if not 0 <= i < self.size:
            raise IndexError("LinkedList index out of range")
        node = self.head
        for _ in range(i):
            node = node.next
        return node

    def __getitem__(self, i):
        if isinstance(i, slice):
            return LinkedList(list(self)[i])
        return self._node_at(i).value

    def __setitem__(self, i, value):
        self._node_at(i).value = value

    def __delitem__(self, i):
        node = self._node_at(i)
        if node.prev:
            node.prev.next = node.next
        else:
            self.head = node.next
        if node.next:
            node.next.prev = node.prev
        else:
            self.tail = node.prev
        self.size -= 1

    def __len__(self):
        return self.size

    def __iter__(self):
        return _ListIter(self.head)

    def __reversed__(self):
        return _ListIter(self.tail, forward=False)

    def __contains__(self, value):
        for v in self:
            if v == value:
                return True
        return False

    def __eq__(self, other):
        return isinstance(other, LinkedList) and list(self) == list(other)

    def __add__(self, other):
        return LinkedList(list(self) + list(other))

    def __repr__(self):
        return "LinkedList([" + ", ".join(map(repr, self)) + "])"


class _TreeIter:
    """In-order traversal with an explicit stack."""

    def __init__(self, root):
        self.stack = []
        self._push_left(root)

    def _push_left(self, node):
        while node is not None:
            self.stack.append(node)
            node = node.left

    def __iter__(self):
        return self

    def __next__(self):
        if not self.stack:
            raise StopIteration
        node = self.stack.pop()
        self._push_left(node.right)
        return node.key


class BST:
    class Node:
        def __init__(self, key):
            self.key, self.left, self.right = key, None, None

    def __init__(self):
        self.root = None
        self.count = 0

    def add(self, key):
        if self.root is None:
            self.root = BST.Node(key)
            self.count += 1
            return True
        node = self.root
        while True:
            if key == node.key:
                return False
            side = "left" if key < node.key else "right"
            child = getattr(node, side)
            if child is None:
                setattr(node, side, BST.Node(key))
                self.count += 1
                return True
            node = child

    def height(self, node="root"):
        if node == "root":
            node = self.root
        if node is None:
            return 0
        return 1 + max(self.height(node.left), self.height(node.right))

    def __iter__(self):
        return _TreeIter(self.root)

    def __len__(self):
        return self.count

    def __contains__(self, key):
        node = self.root
        while node is not None:
            if key == node.key:
                return True
            node = node.left if key < node.key else node.right
        return False


ll = LinkedList([3, 1, 4, 1, 5])
ll.appendleft(9)
ll.append(2)
print(ll, len(ll), ll[0], ll[-1], ll[2])
print(list(reversed(ll)), 4 in ll, 7 in ll, sum(ll), max(ll), sorted(ll))
del ll[0]
del ll[-1]
del ll[1]
ll[0] = 30
print(ll, len(ll), ll == LinkedList([30, 4, 1, 5]), ll + LinkedList("ab"))
print(ll[1:3], list(zip(ll, reversed(ll))), dict(enumerate(ll)))
it = iter(ll)
print(next(it), next(it), list(it), list(it))
for bad in [lambda: ll[10], lambda: ll.__delitem__(-9)]:
    try:
        bad()
    except IndexError as e:
        print("IndexError:", e)
empty = LinkedList()
print(list(empty), len(empty), bool(empty), bool(ll))

tree = BST()
for k in [50, 30, 70, 20, 40, 60, 80, 30, 65, 10]:
    tree.add(k)
print(list(tree), len(tree), tree.height(), 65 in tree, 66 in tree)
words = BST()
for w in "the quick brown fox jumps over the lazy dog".split():
    words.add(w)
print(list(words), len(words), min(words), max(words), ",".join(words))
print([f"{a}{b}" for a, b in zip(tree, words)])
