"""An LRU cache built as functools' pure-Python lru_cache builds it: a circular
doubly-linked list of 4-item lists [prev, next, key, value] around a sentinel,
plus a dict from keys to links. The cached values are connections that close
themselves in `__del__` and are watched through weak references. Dropping a
cache leaves a ring of lists that only the cycle collector can free; the
connections must then be closed exactly once and their weakref callbacks run."""
import gc
import weakref

gc.disable()  # collections happen where this program asks for them
gc.collect()

PREV, NEXT, KEY, VALUE = 0, 1, 2, 3
log = []


class Connection:
    opened = 0

    def __init__(self, host):
        Connection.opened += 1
        self.host = host
        self.closed = False

    def __del__(self):
        log.append(f"close {self.host}")


class LRU:
    def __init__(self, size):
        self.size = size
        self.root = []
        self.root[:] = [self.root, self.root, None, None]
        self.map = {}

    def get(self, key, make):
        link = self.map.get(key)
        if link is not None:
            prev, nxt = link[PREV], link[NEXT]
            prev[NEXT] = nxt
            nxt[PREV] = prev
            last = self.root[PREV]
            last[NEXT] = self.root[PREV] = link
            link[PREV] = last
            link[NEXT] = self.root
            return link[VALUE]
        value = make(key)
        if len(self.map) >= self.size:
            oldest = self.root[NEXT]
            oldest[PREV][NEXT] = oldest[NEXT]
            oldest[NEXT][PREV] = oldest[PREV]
            del self.map[oldest[KEY]]
            oldest[PREV] = oldest[NEXT] = None  # unlinked: freed by counting alone
        last = self.root[PREV]
        link = [last, self.root, key, value]
        last[NEXT] = self.root[PREV] = self.map[key] = link
        return value

    def keys(self):
        out, link = [], self.root[NEXT]
        while link is not self.root:
            out.append(link[KEY])
            link = link[NEXT]
        return out


watch = []


def watched(host):
    conn = Connection(host)
    watch.append(weakref.ref(conn, lambda r, h=host: log.append(f"gone {h}")))
    return conn


cache = LRU(3)
for host in ["a", "b", "c", "a", "d", "b", "e"]:
    cache.get(host, watched)
print("order:", cache.keys())
print("evicted and closed by counting:", sorted(log))
log.clear()

# Only the ring of lists (root, the links) and the dict hold the connections now:
# the cache object itself is not part of any cycle.
ring = cache.root
del cache
print("alive after dropping the cache:", sum(w() is not None for w in watch))
del ring
found = gc.collect()
print("closed by the collector:", sorted(e for e in log if e.startswith("close")))
print("callbacks:", sorted(e for e in log if e.startswith("gone")))
print("each closed once:", len(log) == len(set(log)))
print("collected:", found)
print("alive:", sum(w() is not None for w in watch))

# A connection that resurrects itself from __del__ (PEP 442): finalized once.
saved = []


class Sticky(Connection):
    def __del__(self):
        log.append(f"sticky {self.host}")
        saved.append(self)


log.clear()
cache = LRU(2)
cache.get("s", Sticky)
ring = cache.root
del cache, ring
gc.collect()
gc.collect()
print("resurrected:", [c.host for c in saved], log)
saved.clear()
gc.collect()
print("finalizer ran once:", log)
gc.enable()
