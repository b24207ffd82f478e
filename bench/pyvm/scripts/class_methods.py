# Method calls on user classes, with inheritance and super() (3M calls).
class Shape:
    def __init__(self, n):
        self.n = n

    def area(self):
        return self.n * self.n

    def scaled(self, k):
        return self.area() * k


class Square(Shape):
    def area(self):
        return super().area() + 1


shapes = [Shape(i) for i in range(50)] + [Square(i) for i in range(50)]
total = 0
for _ in range(10000):
    for s in shapes:
        total += s.scaled(2)
print(total)
