class Shape:
    sides = 0

    def __init__(self, name):
        self.name = name

    def area(self):
        raise NotImplementedError("subclasses must implement area()")

    def describe(self):
        return f"{self.name} with {self.sides} sides and area {self.area():.2f}"


class Rect(Shape):
    sides = 4

    def __init__(self, w, h):
        super().__init__("rectangle")
        self.w, self.h = w, h

    def area(self):
        return self.w * self.h


class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "square"


class Circle(Shape):
    def __init__(self, r):
        Shape.__init__(self, "circle")
        self.r = r

    def area(self):
        return 3.14159 * self.r ** 2


shapes = [Rect(2, 3), Square(4), Circle(1)]
for s in shapes:
    print(s.describe())
print([type(s).__name__ for s in shapes])
print(isinstance(shapes[1], Rect), isinstance(shapes[1], Shape), isinstance(shapes[2], Rect))
print(issubclass(Square, Shape), issubclass(Shape, Square))
print([c.__name__ for c in Square.__mro__])
try:
    Shape("blob").describe()
except NotImplementedError as e:
    print("error:", e)


class A:
    def who(self):
        return "A"


class B(A):
    def who(self):
        return "B>" + super().who()


class C(A):
    def who(self):
        return "C>" + super().who()


class D(B, C):
    def who(self):
        return "D>" + super().who()


print(D().who(), [k.__name__ for k in D.__mro__])
print(super(B, D()).who())

try:
    class Bad(A, B):
        pass
except TypeError as e:
    print("TypeError:", e)
