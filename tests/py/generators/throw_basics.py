# gen.throw(): with a type, a type and a value, or an instance; caught inside the
# generator (which goes on), or leaving it (which finishes it).

def resilient():
    n = 0
    while True:
        try:
            yield n
            n += 1
        except ValueError as e:
            print("  recovered from", repr(e))
            n = 100
        except KeyError:
            print("  giving up")
            return "gave up"


g = resilient()
print(next(g), next(g))
print("throw ValueError ->", g.throw(ValueError))
print("throw with value ->", g.throw(ValueError, "bad value"))
print("throw instance ->", g.throw(ValueError("an instance", 2)))
print("throw args tuple ->", g.throw(ValueError, ("a", "b")))
print(next(g))
try:
    g.throw(KeyError)
except StopIteration as e:
    print("StopIteration:", e.value)

try:
    g.throw(IndexError("after the end"))
except IndexError as e:
    print("finished generator re-raises:", e)


def plain():
    yield 1
    yield 2


g = plain()
try:
    g.throw(RuntimeError("before starting"))
except RuntimeError as e:
    print("unstarted:", e, "| then", next(g, "exhausted"))

g = plain()
next(g)
try:
    g.throw(TypeError, TypeError("same type instance"))
except TypeError as e:
    print("type + instance:", e)

for bad in [(1,), ("str",), (ValueError("x"), "value")]:
    g = plain()
    try:
        g.throw(*bad)
    except TypeError as e:
        print("TypeError:", e)

g = plain()
try:
    g.throw()
except TypeError as e:
    print("TypeError:", e)


def catch_all():
    while True:
        try:
            yield
        except Exception as e:
            print("  caught", type(e).__name__, e.args)


g = catch_all()
next(g)
for exc in [ZeroDivisionError("zero"), OSError(2, "no such"), StopIteration(5)]:
    g.throw(exc)
print("still running:", g.send(None) is None)
