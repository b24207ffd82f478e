# Attribute reads and writes on instances of a user class (2M each).
class Particle:
    __slots__ = ("x", "y", "vx", "vy")

    def __init__(self, x, y):
        self.x, self.y, self.vx, self.vy = x, y, 1, -1


class Body:
    def __init__(self):
        self.mass = 3
        self.pos = 0


ps = [Particle(i, i) for i in range(100)]
b = Body()
for step in range(10000):
    for p in ps:
        p.x = p.x + p.vx
    b.pos = b.pos + b.mass
print(sum(p.x for p in ps), b.pos)
