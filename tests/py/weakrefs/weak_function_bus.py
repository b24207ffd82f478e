# An event bus that holds its subscribers weakly: handlers are plain functions
# and closures, registered with weakref.ref callbacks, kept in a WeakSet and a
# WeakValueDictionary, and watched by weakref.finalize. When the last strong
# reference to a handler goes, the bus forgets it at once (CPython frees functions
# by reference counting, so the callbacks run right there).
import gc
import weakref


class EventBus:
    def __init__(self):
        self.subscribers = {}
        self.log = []

    def subscribe(self, topic, handler):
        def gone(ref, topic=topic):
            self.log.append("unsubscribed from %s" % topic)
            self.subscribers[topic] = [r for r in self.subscribers[topic] if r is not ref]
        self.subscribers.setdefault(topic, []).append(weakref.ref(handler, gone))

    def publish(self, topic, payload):
        delivered = 0
        for ref in list(self.subscribers.get(topic, ())):
            handler = ref()
            if handler is not None:
                handler(payload)
                delivered += 1
        return delivered


received = []


def audit(payload):
    received.append(("audit", payload))


def make_counter(name):
    count = [0]

    def handler(payload):
        count[0] += 1
        received.append((name, payload, count[0]))
    return handler


bus = EventBus()
bus.subscribe("orders", audit)
metrics = make_counter("metrics")
bus.subscribe("orders", metrics)
bus.subscribe("refunds", metrics)
tmp = make_counter("tmp")
bus.subscribe("orders", tmp)

print(bus.publish("orders", 1), bus.publish("refunds", 2))
del tmp
print(bus.log)
print(bus.publish("orders", 3))
del metrics
print(sorted(bus.log))
print(bus.publish("orders", 4), bus.publish("refunds", 5))
print(received)

# A WeakSet and a WeakValueDictionary of functions shrink as they die.
plugins = weakref.WeakSet()
registry = weakref.WeakValueDictionary()
keep = []
for i in range(6):
    f = make_counter("p%d" % i)
    plugins.add(f)
    registry["p%d" % i] = f
    if i % 2 == 0:
        keep.append(f)
del f
gc.collect()
print(len(plugins), sorted(registry))

# weakref.finalize on a function.
def cleanup(name):
    print("finalized", name)


h = make_counter("h")
fin = weakref.finalize(h, cleanup, "h")
print(fin.alive)
del h
print(fin.alive)
lam = lambda x: x
r = weakref.ref(lam, lambda ref: print("lambda gone", ref() is None))
lam = None
print("end")
