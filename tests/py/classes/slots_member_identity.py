# A record schema built from __slots__: the member descriptors read through the
# class are the same objects every time, so they can key a registry.


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


class Point3(Point):
    __slots__ = ("z",)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


print(Point.x is Point.x, Point3.x is Point.x, Point3.z is Point3.z, Point.x)
labels = {Point.x: "x-field", Point.y: "y-field", Point3.z: "z-field"}


def describe(obj):
    out = []
    for cls in type(obj).__mro__:
        for name in getattr(cls, "__slots__", ()):
            member = getattr(cls, name)
            out.append(f"{labels[member]}={member.__get__(obj, cls)}")
    return ", ".join(out)


print(describe(Point(1, 2)))
print(describe(Point3(1, 2, 3)))
seen = {id(getattr(Point, n)) for _ in range(3) for n in ("x", "y")}
print(len(seen))
