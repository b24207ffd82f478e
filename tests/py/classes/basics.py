class Point:
    """A 2-D point."""
    dims = 2

    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"

    def moved(self, dx, dy):
        return Point(self.x + dx, self.y + dy)


p = Point(1, 2)
print(p, p.x, p.y, p.dims, Point.dims)
print(p.moved(3, 4), Point(5))
p.z = 9
print(sorted(vars(p).items()), p.__dict__ is vars(p))
print(Point.__name__, Point.__qualname__, Point.__module__, Point.__doc__)
print(type(p) is Point, type(p).__name__, p.__class__.__name__)
print(isinstance(p, Point), isinstance(p, (int, Point)), isinstance(3, Point))
print(issubclass(Point, object), Point.__bases__, Point.__mro__)
Point.dims = 3
print(p.dims, Point(0).dims)
p.dims = 7
print(p.dims, Point.dims)
del p.dims
print(p.dims)
m = p.moved
print(m(1, 1), m.__self__ is p, m.__func__ is Point.moved)
print(Point.moved(p, 10, 10))
print(hasattr(p, "x"), hasattr(p, "w"), getattr(p, "w", "default"))
setattr(p, "w", 5)
print(p.w)
delattr(p, "w")
print(hasattr(p, "w"))
print(callable(Point), callable(p), callable(p.moved))


class Empty:
    pass


e = Empty()
print(type(e).__name__, isinstance(e, object), repr(Empty)[:22])
