# Misuses of the generator protocol, and their messages.

def reenter():
    yield g.send(None)


g = reenter()
try:
    next(g)
except ValueError as e:
    print("ValueError:", e)
print("after the error:", next(g, "finished"))


def recursive_next():
    yield next(h)


h = recursive_next()
try:
    list(h)
except ValueError as e:
    print("ValueError:", e)


def echo():
    while True:
        x = yield
        print("  echo", x)


e = echo()
try:
    e.send(42)
except TypeError as err:
    print("TypeError:", err)
print(e.send(None), e.send(1), e.send(2))

for call in [lambda: e.send(), lambda: e.send(1, 2), lambda: e.close(1),
             lambda: next(e, 1, 2), lambda: next()]:
    try:
        call()
    except TypeError as err:
        print("TypeError:", err)

try:
    next([1, 2])
except TypeError as err:
    print("TypeError:", err)
print(type(e).__name__, type(e.send).__name__, hasattr(e, "throw"), iter(e) is e)
try:
    e.gi_nonexistent
except AttributeError as err:
    print("AttributeError:", err)


def finished():
    return 5
    yield


f = finished()
print(next(f, "default"), next(f, "again"))
try:
    f.send("x")
except StopIteration as s:
    print("send to finished: StopIteration", s.args)
