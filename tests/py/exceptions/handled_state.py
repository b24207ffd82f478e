def inner():
    try:
        raise KeyError("inner")
    except KeyError:
        return "handled inside"

try:
    raise ValueError("outer")
except ValueError as outer:
    print(inner())
    try:
        raise TypeError("during")
    except TypeError as t:
        print(repr(t.__context__))
    print("outer still", repr(outer))

try:
    try:
        raise ValueError("a")
    except ValueError:
        pass
    raise TypeError("b")
except TypeError as e:
    print("context after handled block:", repr(e.__context__))

def gen_error(kind):
    try:
        raise kind("x")
    except Exception as e:
        return e

errs = [gen_error(k) for k in (ValueError, KeyError, IndexError)]
print([repr(e) for e in errs])
