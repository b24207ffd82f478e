# A log reader whose generators hold "files" (a lock-like resource registry): breaking
# out of a loop, dropping a half-read generator, and an exception in the consumer all
# close the generator, so every resource is released when CPython releases it.

open_handles = []


class Handle:
    def __init__(self, name):
        self.name = name
        open_handles.append(name)
        print(f"open {name}")

    def close(self):
        open_handles.remove(self.name)
        print(f"close {self.name}")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


LOGS = {
    "app.log": ["INFO start", "WARN disk 91%", "ERROR db timeout", "INFO stop"],
    "web.log": ["GET /", "GET /login", "POST /login", "GET /admin"],
}


def lines(name):
    with Handle(name):
        for line in LOGS[name]:
            yield line


def first_error(name):
    for line in lines(name):
        if line.startswith("ERROR"):
            return line
    return None


print("first error:", first_error("app.log"))
print("open now:", open_handles)

# A generator dropped half-way (no loop around it).
g = lines("web.log")
print(next(g), "|", next(g))
g = None
print("open now:", open_handles)


# Nested generators: closing the outer closes the inner through `yield from`.
def numbered(name):
    n = 0
    try:
        for line in lines(name):
            n += 1
            yield n, line
    finally:
        print(f"numbered({name}) saw {n} lines")


for n, line in numbered("web.log"):
    if n == 2:
        break
print("open now:", open_handles)


def chained(*names):
    for name in names:
        yield from lines(name)


c = chained("app.log", "web.log")
for _ in range(5):
    last = next(c)
print("fifth line:", last)
del c
print("open now:", open_handles)

# An exception in the consumer: the generator is closed as the frame unwinds.
def consume():
    for line in lines("app.log"):
        if "disk" in line:
            raise RuntimeError("disk alarm: " + line)


try:
    consume()
except RuntimeError as e:
    print("caught:", e)
print("open now:", open_handles)


# A generator that catches GeneratorExit to flush a summary.
def counter():
    seen = 0
    try:
        while True:
            yield
            seen += 1
    except GeneratorExit:
        print(f"counter flushed {seen}")
        raise


k = counter()
next(k)
for _ in range(3):
    k.send(None)
k = None

# One with only a finally block.
def tidy():
    try:
        yield 1
    finally:
        print("tidy finally")


s = tidy()
next(s)
s = None


# One that ignores GeneratorExit: CPython reports it and goes on.
import sys
sys.unraisablehook = lambda u: print("unraisable:", u.exc_type.__name__, u.exc_value,
                                     type(u.object).__name__)


def stubborn():
    while True:
        try:
            yield 1
        except GeneratorExit:
            print("stubborn ignores GeneratorExit")


s = stubborn()
next(s)
s = None
print("open at end:", open_handles)
