s = "Hello"
for name in ["upper", "lower", "swapcase", "title"]:
    method = getattr(s, name)
    print(name, method())
print(getattr([1, 2, 3], "count")(2), getattr({}, "get")("missing", "dflt"))
print(hasattr(1, "bit_length"), hasattr(1.5, "is_integer"), hasattr("", "zfill"), hasattr([], "nope"))
ops = {"add": "__add__"}
print(getattr(5, "real"), getattr(2.5, "imag"), getattr(range(3, 9, 2), "step"))
bound = [].append
print(bound.__name__)
dispatch = {"sum": sum, "max": max, "min": min, "len": len}
for key in sorted(dispatch):
    print(key, dispatch[key]([4, 1, 3]))
