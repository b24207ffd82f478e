# throw() and close() on a generator paused in `yield from` are forwarded to the
# sub-generator first, as CPython's gen_throw does.

def inner(name):
    try:
        while True:
            try:
                x = yield f"{name} ready"
                print(f"  {name} got {x}")
            except ValueError as e:
                print(f"  {name} handled {e}")
                yield f"{name} recovered"
    except KeyError as e:
        print(f"  {name} returns on KeyError {e}")
        return f"{name} result"
    finally:
        print(f"  {name} finally")


def middle():
    r = yield from inner("inner")
    print("  middle got", r)
    yield "middle after inner"
    return "middle done"


def outer():
    try:
        r = yield from middle()
        print("  outer got", r)
    except IndexError as e:
        print("  outer caught", repr(e))
        yield "outer recovered"


g = outer()
print(next(g))
print(g.send("hello"))
print(g.throw(ValueError("v1")))
print(next(g))
print(g.throw(KeyError("k")))
print(next(g, "end"))

print("--- an exception the chain does not handle")
g = outer()
next(g)
print(g.throw(IndexError("deep")))
print(next(g, "end"))

print("--- close forwarded")
g = outer()
next(g)
g.close()
print("closed")


def ignores_exit():
    ignored = False
    while True:
        try:
            yield "stubborn"
        except GeneratorExit:
            if ignored:
                raise
            ignored = True
            print("  ignoring GeneratorExit")


def wrapper():
    try:
        yield from ignores_exit()
    except RuntimeError as e:
        print("  wrapper saw", e)
        raise


g = wrapper()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("close raised:", e)


def sub_returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        print("  sub returns instead")
        return "value"


def holder():
    try:
        r = yield from sub_returns_on_exit()
        print("  never reached", r)
    except GeneratorExit:
        print("  holder sees GeneratorExit")
        raise


g = holder()
next(g)
print("close ->", g.close())
