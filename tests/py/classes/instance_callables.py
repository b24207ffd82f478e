# A frame reader in the style of pickle's _Unpickler: callables kept in the instance
# (bound methods of other objects, functions, lambdas, callable objects, classes)
# called as `self.name(...)`.
import io


class Counter:
    def __init__(self):
        self.n = 0

    def __call__(self, k):
        self.n += k
        return self.n


class Reader:
    def read(self, n):
        return b"class-read"

    def __init__(self, data):
        self._file = io.BytesIO(data)
        self.read = self._file.read          # shadows the class's method
        self.readline = self._file.readline
        self.count = Counter()
        self.make = list
        self.fmt = lambda b: b.hex()

    def records(self):
        out = []
        while True:
            size = self.read(1)
            if not size:
                break
            body = self.read(size[0])
            self.count(len(body))
            out.append(self.fmt(body))
        return self.make(out)


r = Reader(b"\x02ab\x03cde\x01f")
print(r.records(), r.count.n)
r.read = lambda n: b""
print(r.records(), Reader.read(r, 1))
del r.read
print(r.read(3))


class Guarded:
    @property
    def read(self):
        return lambda n: f"property {n}"

    def __init__(self):
        self.__dict__["read"] = lambda n: "instance"

    def go(self):
        return self.read(2)


print(Guarded().go())


class Logged:
    def __init__(self):
        self.calls = []
        self.note = self.calls.append

    def __getattribute__(self, name):
        v = object.__getattribute__(self, name)
        if name == "note":
            object.__getattribute__(self, "calls").append("<looked up note>")
        return v

    def run(self):
        for i in range(2):
            self.note(i)
        return self.calls


print(Logged().run())


class Slots:
    __slots__ = ("fn",)

    def __init__(self):
        self.fn = str.upper

    def go(self):
        return self.fn("slot")


print(Slots().go())
try:
    Reader(b"").missing(1)
except AttributeError as e:
    print(type(e).__name__, e)


# Built-ins bound to their objects, kept and called later.
def tokens(text):
    out = []
    push = out.append
    upper = str.upper
    split = text.split
    for word in split():
        push(upper(word))
    it = iter(out)
    step = it.__next__
    first = step()
    gen = (w.lower() for w in out)
    send = gen.send
    return first, out, send(None), next(gen)


print(tokens("alpha beta gamma"))
