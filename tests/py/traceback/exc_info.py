import sys
import traceback

print(sys.exc_info())
print(repr(traceback.format_exc()))
traceback.print_exception(None)

try:
    raise KeyError("first")
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), t is KeyError)
    try:
        raise ValueError("second")
    except ValueError:
        print(sys.exc_info()[0].__name__, sys.exc_info()[1])
    print("back to", sys.exc_info()[0].__name__)
print("after", sys.exc_info())

def handler():
    try:
        return [][1]
    except IndexError:
        return sys.exc_info()[1]

e = handler()
print(type(e).__name__, e, sys.exc_info()[0])

def fail(n):
    if n == 0:
        raise OSError(2, "gone")
    fail(n - 1)

try:
    fail(2)
except OSError as e:
    tb = e.__traceback__
    lines = []
    while tb is not None:
        lines.append(tb.tb_lineno)
        tb = tb.tb_next
    print("lines", lines)
    print(type(sys.exc_info()[2]).__name__)
    traceback.print_exception(*sys.exc_info(), file=sys.stdout)
    print("--- from the second entry")
    t, v, tb = sys.exc_info()
    traceback.print_exception(t, v, tb.tb_next, file=sys.stdout)
    print("--- without a traceback")
    traceback.print_exception(t, v, None, file=sys.stdout)
print(ValueError("never raised").__traceback__)
