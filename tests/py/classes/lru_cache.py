class Node:
    __slots__ = ("key", "value", "prev", "next")

    def __init__(self, key=None, value=None):
        self.key = key
        self.value = value
        self.prev = self.next = None


class LRUCache:
    """A least-recently-used cache on a dict and a doubly linked list."""

    def __init__(self, capacity):
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self.map = {}
        self.head = Node()
        self.tail = Node()
        self.head.next = self.tail
        self.tail.prev = self.head
        self.hits = self.misses = 0

    def _unlink(self, node):
        node.prev.next = node.next
        node.next.prev = node.prev

    def _push_front(self, node):
        node.next = self.head.next
        node.prev = self.head
        self.head.next.prev = node
        self.head.next = node

    def get(self, key, default=None):
        node = self.map.get(key)
        if node is None:
            self.misses += 1
            return default
        self.hits += 1
        self._unlink(node)
        self._push_front(node)
        return node.value

    def put(self, key, value):
        node = self.map.get(key)
        if node is not None:
            node.value = value
            self._unlink(node)
            self._push_front(node)
            return
        if len(self.map) >= self.capacity:
            victim = self.tail.prev
            self._unlink(victim)
            del self.map[victim.key]
        node = Node(key, value)
        self.map[key] = node
        self._push_front(node)

    def __len__(self):
        return len(self.map)

    def __contains__(self, key):
        return key in self.map

    def keys(self):
        out = []
        n = self.head.next
        while n is not self.tail:
            out.append(n.key)
            n = n.next
        return out

    def __repr__(self):
        items = ", ".join([f"{k}={self.map[k].value}" for k in self.keys()])
        return f"LRUCache([{items}])"


cache = LRUCache(3)
for i, word in enumerate("the quick brown fox jumps over the lazy dog".split()):
    if cache.get(word) is None:
        cache.put(word, len(word))
    print(i, word, cache.keys())
print(cache, len(cache), "dog" in cache, "quick" in cache)
print("hits", cache.hits, "misses", cache.misses)


def fib_cached(n, cache=LRUCache(100)):
    v = cache.get(n)
    if v is not None:
        return v
    v = n if n < 2 else fib_cached(n - 1) + fib_cached(n - 2)
    cache.put(n, v)
    return v


print([fib_cached(i) for i in range(20)], fib_cached(90))
try:
    LRUCache(0)
except ValueError as e:
    print("ValueError:", e)
