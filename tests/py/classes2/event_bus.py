# An event system: observers subscribe to topics, emitters know nothing about them.

class Event:
    def __init__(self, topic, **data):
        self.topic = topic
        self.data = data
        self.cancelled = False

    def cancel(self):
        self.cancelled = True

    def __repr__(self):
        items = ", ".join([f"{k}={v!r}" for k, v in sorted(self.data.items())])
        return f"Event({self.topic!r}, {items})"


class Subscription:
    def __init__(self, bus, topic, handler, priority):
        self.bus, self.topic, self.handler, self.priority = bus, topic, handler, priority
        self.active = True

    def unsubscribe(self):
        if self.active:
            self.bus._subs[self.topic].remove(self)
            self.active = False


class EventBus:
    def __init__(self):
        self._subs = {}
        self.errors = []

    def subscribe(self, topic, handler=None, priority=0):
        def register(fn):
            sub = Subscription(self, topic, fn, priority)
            subs = self._subs.setdefault(topic, [])
            subs.append(sub)
            subs.sort(key=lambda s: -s.priority)
            return sub
        if handler is None:
            return register
        return register(handler)

    def emit(self, topic, **data):
        event = Event(topic, **data)
        handled = 0
        for key in (topic, "*"):
            for sub in list(self._subs.get(key, [])):
                if event.cancelled:
                    return handled
                try:
                    sub.handler(event)
                    handled += 1
                except Exception as e:
                    self.errors.append((topic, getattr(sub.handler, "__name__", "?"), repr(e)))
        return handled


bus = EventBus()
log = []


@bus.subscribe("user.created")
def send_welcome(event):
    log.append(f"welcome mail to {event.data['email']}")


@bus.subscribe("user.created", priority=10)
def validate(event):
    if "@" not in event.data["email"]:
        log.append(f"rejected {event.data['email']}")
        event.cancel()


class Auditor:
    def __init__(self):
        self.seen = []

    def __call__(self, event):
        self.seen.append(event.topic)


class Counter:
    def __init__(self):
        self.counts = {}

    def on_any(self, event):
        self.counts[event.topic] = self.counts.get(event.topic, 0) + 1


auditor = Auditor()
counter = Counter()
bus.subscribe("*", auditor)
any_sub = bus.subscribe("*", counter.on_any, priority=-1)


def broken(event):
    raise RuntimeError(f"handler failed on {event.topic}")


bus.subscribe("order.placed", broken)
bus.subscribe("order.placed", lambda e: log.append(f"order {e.data['id']} total {e.data['total']:.2f}"))

print(bus.emit("user.created", email="ada@example.com", name="Ada"))
print(bus.emit("user.created", email="bogus"))
print(bus.emit("order.placed", id=17, total=99.5))
any_sub.unsubscribe()
any_sub.unsubscribe()
print(bus.emit("order.placed", id=18, total=5))
print(bus.emit("nobody.listens"))
print(log)
print(auditor.seen)
print(sorted(counter.counts.items()))
print(bus.errors)
print(Event("x", b=2, a=[1]))
print(send_welcome.topic, send_welcome.priority, send_welcome.handler.__name__)
print([s.handler.__name__ for s in bus._subs["user.created"]])
