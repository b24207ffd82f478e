def show(e):
    print(type(e).__name__, e, "| context:", repr(e.__context__), "| cause:", repr(e.__cause__), e.__suppress_context__)

try:
    try:
        {}["x"]
    except KeyError:
        raise ValueError("while handling")
except ValueError as e:
    show(e)

try:
    try:
        1 / 0
    except ZeroDivisionError as z:
        raise RuntimeError("wrapped") from z
except RuntimeError as e:
    show(e)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("no context") from None
except RuntimeError as e:
    show(e)

try:
    try:
        raise TypeError("first")
    except TypeError:
        try:
            raise ValueError("second")
        except ValueError:
            raise KeyError("third")
except KeyError as e:
    show(e)
    show(e.__context__)

def reraise():
    try:
        int("bad")
    except ValueError:
        print("logging and re-raising")
        raise

try:
    reraise()
except ValueError as e:
    show(e)
