class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def attempt(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)


attempt(lambda: Point(1))
attempt(lambda: Point(1, 2, 3))
attempt(lambda: Point(1, 2).z)
attempt(lambda: Point(1, 2)())
attempt(lambda: Point.nope)
attempt(lambda: object().x)
attempt(lambda: setattr(object(), "x", 1))


class NoInit:
    pass


attempt(lambda: NoInit(1))


class BadInit:
    def __init__(self):
        return 5


attempt(lambda: BadInit())


class BadRepr:
    def __repr__(self):
        return 5


attempt(lambda: repr(BadRepr()))
attempt(lambda: Point(1, 2) < Point(3, 4))
attempt(lambda: Point(1, 2) + 1)
attempt(lambda: -Point(1, 2))
attempt(lambda: Point(1, 2)[0])
attempt(lambda: len(Point(1, 2)))
attempt(lambda: [x for x in Point(1, 2)])
attempt(lambda: super(Point, 5))
attempt(lambda: type("X", (5,), {}))


class Box:
    def __init__(self, v):
        self.v = v

    @property
    def v2(self):
        return self.v.missing


attempt(lambda: Box(1).v2)
print(Point(1, 2) == Point(1, 2), Point(1, 2) != Point(1, 2))
