# A weak-reference cache and observer registry, as libraries build them: a
# WeakValueDictionary of parsed documents, observers held in a WeakSet, bound-method
# callbacks through WeakMethod, ref callbacks, weakref.finalize, proxies and the
# errors for objects that cannot be referenced weakly.
import weakref


class Document:
    def __init__(self, path, text):
        self.path = path
        self.words = text.split()

    def __repr__(self):
        return f"<Document {self.path} {len(self.words)} words>"


class Cache:
    def __init__(self):
        self._docs = weakref.WeakValueDictionary()
        self.loads = 0

    def get(self, path):
        doc = self._docs.get(path)
        if doc is None:
            self.loads += 1
            doc = Document(path, f"text of {path} " * 3)
            self._docs[path] = doc
        return doc

    def cached(self):
        return sorted(self._docs.keys())


cache = Cache()
d1 = cache.get("a.txt")
d2 = cache.get("b.txt")
print(cache.get("a.txt") is d1, cache.loads, cache.cached())
del d1
print("after del:", cache.cached())
cache.get("a.txt")
print("loads:", cache.loads, cache.cached())


class Bus:
    def __init__(self):
        self.listeners = weakref.WeakSet()
        self.methods = []

    def subscribe(self, obj):
        self.listeners.add(obj)

    def on(self, method):
        self.methods.append(weakref.WeakMethod(method))

    def publish(self, msg):
        for m in self.methods:
            f = m()
            if f is not None:
                f(msg)
        return len(self.listeners)


class Listener:
    def __init__(self, name):
        self.name = name

    def hear(self, msg):
        print(f"{self.name} heard {msg}")


bus = Bus()
ls = [Listener(n) for n in ("ann", "bob", "cy")]
for l in ls:
    bus.subscribe(l)
    bus.on(l.hear)
print("listeners:", bus.publish("hello"))
del ls[0]
print("listeners:", bus.publish("again"))

events = []
target = Listener("temp")
r = weakref.ref(target, lambda ref: events.append(("died", ref() is None)))
print(r().name, weakref.getweakrefcount(target))
target = None
print("events:", events)
print("dead ref:", r())

obj = Listener("fin")
fin = weakref.finalize(obj, print, "finalize ran for", "fin")
print("alive:", fin.alive)
del obj
print("alive:", fin.alive)

p_target = Listener("proxied")
p = weakref.proxy(p_target)
print(p.name)
p.name = "renamed"
print(p_target.name)
del p_target
try:
    print(p.name)
except ReferenceError as e:
    print("ReferenceError:", e)

for bad in (1, "s", [1], {"a": 1}, (1,), None):
    try:
        weakref.ref(bad)
    except TypeError as e:
        print("TypeError:", e)

# Weak references to other kinds of objects.
def func():
    return "f"


class K:
    pass


print(weakref.ref(func)()(), weakref.ref(K)() is K, weakref.ref({1, 2})())
d = weakref.WeakKeyDictionary()
keys = [Listener(str(i)) for i in range(4)]
for k in keys:
    d[k] = k.name.upper()
print(len(d), sorted(d.values()))
del keys[:2]
print(len(d), sorted(d.values()))
r1 = weakref.ref(keys[0])
r2 = weakref.ref(keys[0])
print(r1 is r2, r1 == r2, hash(r1) == hash(keys[0]))
