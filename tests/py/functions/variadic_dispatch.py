# A logging facade and an event bus whose methods take *args and **kwargs, called
# the way programs call them (positionally, mostly with nothing extra): the
# interpreter binds such calls where the arguments lie.
class Logger:
    LEVELS = {"debug": 10, "info": 20, "warning": 30}

    def __init__(self, name, level="info"):
        self.name = name
        self.level = self.LEVELS[level]
        self.lines = []

    def log(self, level, msg, *args, **kwargs):
        if self.LEVELS[level] < self.level:
            return False
        text = msg % args if args else msg
        if kwargs:
            text += " " + " ".join(f"{k}={v}" for k, v in sorted(kwargs.items()))
        self.lines.append(f"{level.upper()}:{self.name}:{text}")
        return True

    def debug(self, msg, *args, **kwargs):
        return self.log("debug", msg, *args, **kwargs)

    def info(self, msg, *args, **kwargs):
        return self.log("info", msg, *args, **kwargs)


class Bus:
    def __init__(self):
        self.handlers = {}

    def on(self, event, *handlers):
        self.handlers.setdefault(event, []).extend(handlers)
        return len(handlers)

    def emit(self, event, *payload):
        return [h(*payload) for h in self.handlers.get(event, [])]


def total(*numbers):
    return sum(numbers)


def options(**kw):
    kw.setdefault("mode", "r")
    return kw


def chain(first, *rest):
    yield first
    for r in rest:
        yield r * 10


def main():
    log = Logger("app")
    print(log.debug("hidden"), log.info("plain"), log.info("%s has %d items", "cart", 3))
    print(log.info("tagged", user="ann", id=7))
    for line in log.lines:
        print(line)
    bus = Bus()
    print(bus.on("save", lambda *a: ("saved", a), total), bus.on("quit"))
    print(bus.emit("save", 1, 2, 3), bus.emit("quit"), bus.emit("none", 1))
    print(total(), total(1), total(1, 2, 3.5))
    print(options(), options(mode="w"), options(a=1))
    print(list(chain(1)), list(chain(1, 2, 3)))
    kwargs = options()
    kwargs["extra"] = True
    print(options(), "fresh dict per call")
    for bad in ((), ("only-msg-missing",)):
        try:
            log.log(*bad)
        except TypeError as e:
            print("TypeError:", e)
    try:
        chain()
    except TypeError as e:
        print("TypeError:", e)
    try:
        options(1)
    except TypeError as e:
        print("TypeError:", e)

    def deep(n, *acc):
        return deep(n + 1, *acc) if n < 50000 else n

    try:
        deep(0, "x")
    except RecursionError as e:
        print("RecursionError:", e)
    count = 0
    for i in range(20000):
        if log.debug("loop %d", i):
            count += 1
        count += total(i, 1) > i
    print("count", count)


main()
