# The container protocol's special methods, called directly on built-in values: the
# way code hands a bound lookup to map() or keeps a membership test as a callable.
inventory = {"apple": 3, "pear": 0, "fig": 12}
print(inventory.__getitem__("fig"), inventory.__contains__("kiwi"), inventory.__len__())
print(list(map(inventory.__getitem__, ["apple", "pear"])))
in_stock = inventory.__contains__
print([name for name in ["fig", "kiwi", "apple"] if in_stock(name)])
inventory.__setitem__("kiwi", 5)
inventory.__delitem__("pear")
print(inventory, repr(inventory.__repr__()))
try:
    inventory.__getitem__("plum")
except KeyError as e:
    print("KeyError", e)

queue = [4, 8, 15, 16]
queue.__setitem__(0, 42)
queue.__delitem__(1)
print(queue, queue.__len__(), queue.__getitem__(-1), queue.__contains__(15))
print(sorted(["ccc", "a", "bb"], key=len), list(map([10, 20, 30].__getitem__, [2, 0])))

point = (3, 4)
print(point.__getitem__(1), point.__len__(), point.__contains__(3), list(point.__iter__()))
for name in ["__setitem__", "__delitem__"]:
    try:
        getattr(point, name)
    except AttributeError as e:
        print("AttributeError", e)
print(inventory.__eq__(dict(inventory)), inventory.__ne__({}), [].__eq__([]), point.__eq__((3, 4)))
