# `except E as name` unbinds name however the handler is left, and a handler that
# raises restores the previously handled exception.


def unbound(probe):
    try:
        probe()
    except NameError as n:
        return type(n).__name__ + ": " + str(n)
    return "still bound"


def normal_exit():
    try:
        1 / 0
    except ZeroDivisionError as e:
        print("inside:", repr(e))
    return unbound(lambda: e)


def raising_exit():
    try:
        try:
            1 / 0
        except ZeroDivisionError as e:
            print("handling", type(e).__name__)
            raise ValueError("from the handler")
    except ValueError as v:
        print("caught:", v, "| context:", repr(v.__context__))
    return unbound(lambda: e), unbound(lambda: v)


def raising_with_temporaries():
    try:
        try:
            1 / 0
        except ZeroDivisionError as e:
            print("sum", sum([1, 2, [3][len(e.args) + 5]]))
    except IndexError as i:
        print("caught:", i, "| context:", type(i.__context__).__name__)
    try:
        raise KeyError("next")
    except KeyError as k:
        print("next context:", repr(k.__context__))
    return unbound(lambda: e)


def finally_with_temporaries():
    try:
        try:
            1 / 0
        finally:
            print("sum", sum([1, [2][7]]))
    except IndexError as i:
        print("caught:", i, "| context:", type(i.__context__).__name__)
    try:
        raise KeyError("after finally")
    except KeyError as k:
        print("next context:", repr(k.__context__))


def returning():
    try:
        raise OSError("r")
    except OSError as e:
        return "returned " + str(e)


def loop_exits():
    out = []
    for word in ["break", "continue"]:
        for _ in range(2):
            try:
                raise LookupError(word)
            except LookupError as err:
                out.append(str(err))
                if word == "break":
                    break
                continue
        out.append(unbound(lambda: err))
    return out


print("normal exit, e bound:", normal_exit())
print("raising exit, (e, v) bound:", raising_exit())
print("with temporaries, e bound:", raising_with_temporaries())
finally_with_temporaries()
print(returning())
print(loop_exits())

# At module level the name is deleted too: using it is a NameError.
try:
    try:
        {}["missing"]
    except KeyError as gone:
        raise RuntimeError("boom")
except RuntimeError as r:
    print("module level:", r, repr(r.__context__))
print(unbound(lambda: gone))
try:
    print(gone)
except NameError as n:
    print("NameError:", n)


# A closure cell named by `as` is cleared too.
def cell():
    try:
        try:
            raise TypeError("t")
        except TypeError as c:
            show = lambda: c
            raise IndexError("i")
    except IndexError:
        pass
    try:
        show()
    except NameError as n:
        print("NameError:", n)


cell()


# A plain local (no closure): UnboundLocalError after either exit.
def plain_local(fail):
    try:
        try:
            raise ValueError("v")
        except ValueError as e:
            if fail:
                raise KeyError("k")
    except KeyError:
        pass
    try:
        return e
    except UnboundLocalError as u:
        return "UnboundLocalError: " + str(u)


print(plain_local(False))
print(plain_local(True))
