# LRU and LFU caches written by hand (dict + doubly linked list; dict of counters).

class _Node:
    __slots__ = ("key", "value", "prev", "next")

    def __init__(self, key=None, value=None):
        self.key, self.value = key, value
        self.prev = self.next = None


class LRUCache:
    def __init__(self, capacity):
        if capacity <= 0:
            raise ValueError("capacity must be positive")
        self.capacity = capacity
        self.map = {}
        self.head = _Node()
        self.tail = _Node()
        self.head.next, self.tail.prev = self.tail, self.head
        self.hits = self.misses = 0

    def _unlink(self, node):
        node.prev.next, node.next.prev = node.next, node.prev

    def _push_front(self, node):
        node.next, node.prev = self.head.next, self.head
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
            return None
        evicted = None
        if len(self.map) >= self.capacity:
            lru = self.tail.prev
            self._unlink(lru)
            del self.map[lru.key]
            evicted = lru.key
        node = _Node(key, value)
        self.map[key] = node
        self._push_front(node)
        return evicted

    def keys(self):
        out, n = [], self.head.next
        while n is not self.tail:
            out.append(n.key)
            n = n.next
        return out

    def __len__(self):
        return len(self.map)

    def __contains__(self, key):
        return key in self.map


class LFUCache:
    def __init__(self, capacity):
        self.capacity = capacity
        self.values = {}
        self.freq = {}
        self.tick = 0
        self.last = {}

    def _touch(self, key):
        self.tick += 1
        self.freq[key] = self.freq.get(key, 0) + 1
        self.last[key] = self.tick

    def get(self, key):
        if key not in self.values:
            return None
        self._touch(key)
        return self.values[key]

    def put(self, key, value):
        evicted = None
        if key not in self.values and len(self.values) >= self.capacity:
            victim = min(self.values, key=lambda k: (self.freq[k], self.last[k]))
            for d in (self.values, self.freq, self.last):
                del d[victim]
            evicted = victim
        self.values[key] = value
        self._touch(key)
        return evicted

    def snapshot(self):
        return sorted([(k, self.freq[k]) for k in self.values])


lru = LRUCache(3)
for op in ["put a 1", "put b 2", "put c 3", "get a", "put d 4", "get b", "get c",
           "put a 10", "put e 5", "get d", "get a", "put f 6"]:
    parts = op.split()
    if parts[0] == "put":
        ev = lru.put(parts[1], int(parts[2]))
        print(op, "-> evicted", ev, lru.keys())
    else:
        print(op, "->", lru.get(parts[1], "MISS"), lru.keys())
print(len(lru), "a" in lru, "b" in lru, lru.hits, lru.misses)

lfu = LFUCache(2)
print(lfu.put(1, "one"), lfu.put(2, "two"), lfu.get(1), lfu.put(3, "three"))
print(lfu.get(2), lfu.get(3), lfu.get(3), lfu.put(4, "four"), lfu.snapshot())
print(lfu.get(1), lfu.put(5, "five"), lfu.snapshot())


def fib_cached(n, cache=LRUCache(100)):
    hit = cache.get(n)
    if hit is not None:
        return hit
    result = n if n < 2 else fib_cached(n - 1) + fib_cached(n - 2)
    cache.put(n, result)
    return result


print(fib_cached(90), fib_cached.__defaults__[0].hits, len(fib_cached.__defaults__[0]))
try:
    LRUCache(0)
except ValueError as e:
    print("ValueError:", e)
