d = {"a": 1}
for action in ["missing", "pop", "popitem", "unhashable", "update"]:
    try:
        if action == "missing":
            d["zz"]
        elif action == "pop":
            d.pop("zz")
        elif action == "popitem":
            {}.popitem()
        elif action == "unhashable":
            d[["list"]] = 1
        else:
            d.update([("a", 1, 2)])
    except (KeyError, TypeError, ValueError) as e:
        print(action, type(e).__name__, e)
print(d.get("zz"), d.pop("zz", None), d)
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError:", e)
print(d)
try:
    dict([1, 2])
except TypeError as e:
    print("TypeError:", e)


# pop on an empty dict neither hashes nor compares the key (CPython's fast path).
class Loud:
    def __hash__(self):
        print("hash called")
        return 1


for key in ([], Loud()):
    try:
        {}.pop(key)
    except KeyError as e:
        print("KeyError", type(key).__name__)
    print({}.pop(key, "default"))
