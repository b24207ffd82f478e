# One attribute access site over instances whose dicts hold their attributes in
# different orders, with holes left by deletions and attributes added later.


class P:
    def __init__(self, order):
        for name in order:
            setattr(self, name, name.upper())


orders = ["abc", "cba", "bca", "ab", "c"]
objs = [P(o) for o in orders]
objs[0].d = "late"
del objs[1].c
objs[1].c = "again"
del objs[2].b


def read(o, attr):
    try:
        if attr == "a":
            return o.a
        if attr == "b":
            return o.b
        return o.c
    except AttributeError as e:
        return "AttributeError: " + str(e)


for round_ in range(3):
    print([read(o, n) for o in objs for n in "abc"])
    for o in objs:
        o.a = round_  # the same store site over every layout
    print([o.a for o in objs], [sorted(vars(o)) for o in objs])

# Many deletions: the instance dict is compacted under the cached sites.
q = P("abc")
for k in range(40):
    setattr(q, "x%d" % k, k)
for k in range(40):
    delattr(q, "x%d" % k)
print(read(q, "a"), read(q, "b"), read(q, "c"), list(vars(q)))
q.b = "new b"
print(read(q, "b"), list(vars(q).items()))
