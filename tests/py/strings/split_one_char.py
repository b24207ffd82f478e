# split/rsplit on one-character and longer separators, with maxsplit; str() of ints
# and strs in a loop (the specialized call) next to other arguments.
text = ",a,,b,c,"
for sep in [",", ",,", "a", "é", "x"]:
    for n in [-1, 0, 1, 2, 10]:
        print(repr(sep), n, text.split(sep, n), text.rsplit(sep, n))
print("héllo wörld".split("ö"), "héllo wörld".split("l", 1), "".split(","))
print("a-b-c".split(sep="-", maxsplit=1))
try:
    "abc".split("")
except ValueError as e:
    print("ValueError:", e)
parts = []
for x in [0, -7, 2**63 - 1, -2**63, 10**20, "s", True, None, 1.5, (1, "a"), b"b"]:
    parts.append(str(x))
print(parts)
print(",".join([str(i) for i in range(-3, 4)]).split(","))
