import traceback

def level3():
    raise ValueError("deep problem")

def level2():
    level3()

def level1():
    level2()

try:
    level1()
except ValueError as e:
    err = e

parts = traceback.format_exception(err)
print(len(parts))
for p in parts:
    print(repr(p))
print(traceback.format_exception_only(err))
print(traceback.format_exception_only(type(err), err))
print("".join(traceback.format_exception(type(err), err, None)) == "".join(parts))
print("=== limit=2")
print("".join(traceback.format_exception(err, limit=2)), end="")
print("=== limit=-1")
print("".join(traceback.format_exception(err, limit=-1)), end="")
print("=== limit=0")
print("".join(traceback.format_exception(err, limit=0)), end="")
print(traceback.format_exception_only(KeyError("k")))
print(traceback.format_exception_only(None))
for bad in [lambda: traceback.format_exception(5), lambda: traceback.print_exception(err, err)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
