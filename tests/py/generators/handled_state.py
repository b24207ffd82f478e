# Each generator has its own handled exception: what it handles stays with it
# across yields, and implicit chaining or a bare `raise` looks past an empty one to
# whoever resumed it.

def g():
    try:
        raise KeyError("own")
    except KeyError:
        yield 1
    yield 2
    raise ValueError("after handler")
it = g()
try:
    raise IndexError("first resumer")
except IndexError:
    next(it)
next(it)
try:
    next(it)
except ValueError as e:
    print("context:", repr(e.__context__))
def bare():
    raise
    yield
try:
    raise TypeError("caller's")
except TypeError:
    try:
        next(bare())
    except TypeError as e:
        print("bare raise re-raised", e)
def nested_level():
    def inner():
        raise OSError("deep")
        yield
    try:
        raise KeyError("mid")
    except KeyError:
        yield from inner()
try:
    raise IndexError("top")
except IndexError:
    try:
        list(nested_level())
    except OSError as e:
        print(repr(e.__context__), repr(e.__context__.__context__))
