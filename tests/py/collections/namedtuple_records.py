from collections import namedtuple

Employee = namedtuple("Employee", "name dept salary")
Point = namedtuple("Point", ["x", "y"])
Config = namedtuple("Config", "host port debug", defaults=[8080, False])

staff = [
    Employee("ada", "eng", 120),
    Employee("bob", "ops", 90),
    Employee(name="cy", dept="eng", salary=105),
    Employee._make(["dee", "ops", 95]),
]
for e in sorted(staff, key=lambda e: (-e.salary, e.name)):
    print(f"{e.name:<4} {e.dept:<4} {e.salary}")
print(staff[0], repr(staff[1]))
print(staff[2]._asdict(), staff[2]._fields)
raise_ = staff[1]._replace(salary=99)
print(raise_, staff[1], raise_ == staff[1])
name, dept, salary = staff[0]
print(name, dept, salary, staff[0][2], staff[0][-1], staff[0][:2], len(staff[0]))

by_dept = {}
for e in staff:
    by_dept.setdefault(e.dept, []).append(e.salary)
print({d: sum(v) for d, v in sorted(by_dept.items())})

p = Point(3, 4)
print(p, p.x ** 2 + p.y ** 2, p == (3, 4), p < Point(3, 5), hash(p) == hash((3, 4)))
print(Point(*[1, 2]), Point(**{"x": 5, "y": 6}), tuple(p), list(p), max(p))
print(Point, Point.__name__, Point.__doc__, Point._fields, Point.x.__doc__)
print(Config("localhost"), Config("h", 1), Config("h", debug=True), Config._field_defaults)
print(isinstance(p, tuple), issubclass(Point, tuple), type(p) is Point)
print(Point.__new__.__doc__, Point._make.__doc__ if False else "", p.__getnewargs__())

class Vector(namedtuple("Vector", "x y")):
    __slots__ = ()
    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)
    @property
    def norm2(self):
        return self.x * self.x + self.y * self.y

v = Vector(1, 2) + Vector(3, 4)
print(v, v.norm2, type(v).__name__)

R = namedtuple("R", ["a", "def", "a", "_x", "2b"], rename=True)
print(R._fields, R(1, 2, 3, 4, 5))
Single = namedtuple("Single", "only")
print(Single(1), Single._make([7]))
Empty = namedtuple("Empty", "")
print(Empty(), Empty._fields, len(Empty()))
