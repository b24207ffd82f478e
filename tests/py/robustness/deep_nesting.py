# A parser building a deeply nested tree, then throwing it away: freeing a million
# levels must not crash, and walking it recursively must raise RecursionError.

def nest(depth, wrap):
    x = wrap(None)
    for _ in range(depth):
        x = wrap(x)
    return x

tree = nest(10**6, lambda x: [x])
print("built lists")
del tree
print("freed lists")

chain = nest(10**6, lambda x: (x,))
chain = None
print("freed tuples")

config = nest(300000, lambda x: {"child": x, "n": 1})
del config
print("freed dicts")

mixed = nest(300000, lambda x: [{"k": (x, 1)}])
mixed = 0
print("freed mixed")

deep = nest(100000, lambda x: [x])
for what, f in [("repr", repr), ("str", str), ("eq", lambda v: v == nest(100000, lambda x: [x]))]:
    try:
        f(deep)
    except RecursionError as e:
        print(what, "->", e)

d = nest(100000, lambda x: {1: x})
try:
    print(d)
except RecursionError as e:
    print("print ->", e)

# Shallow structures still compare and print normally.
print(nest(3, lambda x: [x]), nest(3, lambda x: [x]) == [[[[None]]]])
