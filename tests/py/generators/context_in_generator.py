# The exception a generator is handling travels with it: its yields inside an
# except block do not leak it, and a raise there chains to it.

def handler():
    try:
        raise KeyError("inside")
    except KeyError:
        yield "in handler"
        yield "still in handler"
    yield "after handler"


g = handler()
print(next(g))
try:
    raise ValueError("outside")
except ValueError as e:
    print(next(g), "| outer context kept:", repr(e))


def raise_in_handler():
    try:
        yield 1
    except ZeroDivisionError:
        raise ValueError("converted")


g = raise_in_handler()
next(g)
try:
    g.throw(ZeroDivisionError("original"))
except ValueError as e:
    print("ValueError", e, "context:", repr(e.__context__))


def raises():
    raise IndexError("from generator")
    yield


try:
    raise KeyError("caller's")
except KeyError:
    try:
        next(raises())
    except IndexError as e:
        print("chained to the caller's exception:", repr(e.__context__))


def throw_target():
    yield


t = throw_target()
next(t)
try:
    raise KeyError("active while throwing")
except KeyError:
    try:
        t.throw(OSError("thrown"))
    except OSError as e:
        print("thrown exception context:", e.__context__)


def reraiser():
    try:
        raise TypeError("saved")
    except TypeError:
        yield
        raise


r = reraiser()
next(r)
try:
    next(r)
except TypeError as e:
    print("bare raise after resuming:", e)
