# Generators that hold resources: `finally` runs when they finish, when they are
# closed part-way, and when an exception is thrown in; closing twice is harmless.

log = []


def resource(name, n):
    log.append(f"open {name}")
    try:
        for i in range(n):
            yield f"{name}{i}"
    finally:
        log.append(f"close {name}")


# Runs to the end: finally runs as the loop finishes.
for item in resource("a", 2):
    log.append(item)
print(log)
log.clear()

# Abandoned part-way: the generator stays suspended until closed.
g = resource("b", 5)
for item in g:
    log.append(item)
    if item == "b1":
        break
print("after break:", log)
g.close()
print("after close:", log)
g.close()
print("closed twice:", log)
print("next after close:", next(g, "exhausted"))
log.clear()

# Closing one that never started runs nothing (not even `open`).
g = resource("c", 3)
g.close()
print("unstarted close:", log, next(g, "exhausted"))


def nested():
    try:
        try:
            yield 1
            yield 2
        finally:
            print("  inner finally")
    finally:
        print("  outer finally")


g = nested()
print(next(g))
g.close()
print("closed nested")


def swallow():
    try:
        yield "working"
    except GeneratorExit:
        print("  got GeneratorExit, cleaning up")
        raise
    finally:
        print("  finally after GeneratorExit")


g = swallow()
print(next(g))
print("close returned", g.close())


def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "ignored value"


g = returns_on_exit()
next(g)
print("close of a generator that returns:", g.close())


def cleanup_raises():
    try:
        yield 1
    finally:
        raise KeyError("cleanup failed")


g = cleanup_raises()
next(g)
try:
    g.close()
except KeyError as e:
    print("close raised KeyError", e)


def guarded(items):
    total = 0
    try:
        for x in items:
            total += x
            yield total
    except ValueError as e:
        print("  stopped early:", e)
        yield -1
    finally:
        print("  total was", total)


g = guarded([1, 2, 3, 4])
print(next(g), next(g))
print("throw ->", g.throw(ValueError("enough")))
print("then:", list(g))
