# Conway's Game of Life on a small toroidal grid, with cycle detection.

class Life:
    def __init__(self, width, height, alive=()):
        self.w, self.h = width, height
        self.cells = set(alive)
        self.generation = 0

    @classmethod
    def from_text(cls, text):
        lines = text.strip("\n").split("\n")
        alive = [(x, y) for y, line in enumerate(lines) for x, ch in enumerate(line) if ch == "#"]
        return cls(max([len(l) for l in lines]), len(lines), alive)

    def neighbours(self, x, y):
        n = 0
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if (dx or dy) and ((x + dx) % self.w, (y + dy) % self.h) in self.cells:
                    n += 1
        return n

    def step(self):
        new = set()
        for y in range(self.h):
            for x in range(self.w):
                n = self.neighbours(x, y)
                if n == 3 or (n == 2 and (x, y) in self.cells):
                    new.add((x, y))
        self.cells = new
        self.generation += 1

    def key(self):
        return tuple(sorted(self.cells))

    def __str__(self):
        return "\n".join(["".join(["#" if (x, y) in self.cells else "." for x in range(self.w)])
                          for y in range(self.h)])

    def __len__(self):
        return len(self.cells)


def run(name, life, limit=40):
    seen = {life.key(): 0}
    print(f"== {name} ({life.w}x{life.h}), {len(life)} alive")
    print(life)
    while life.generation < limit:
        life.step()
        k = life.key()
        if k in seen:
            first = seen[k]
            print(f"gen {life.generation}: repeats gen {first} (period {life.generation - first}), {len(life)} alive")
            return
        seen[k] = life.generation
    print(f"no cycle in {limit} generations; {len(life)} alive")


run("blinker", Life.from_text("""
.....
..#..
..#..
..#..
.....
"""))
glider = Life.from_text("""
.#......
..#.....
###.....
........
........
........
""")
run("glider", glider)
print(glider)
block = Life(4, 4, [(1, 1), (1, 2), (2, 1), (2, 2)])
run("block", block)
rpent = Life.from_text("""
..........
....##....
...##.....
....#.....
..........
..........
""")
run("r-pentomino", rpent, limit=25)
print(rpent)
print(sorted(rpent.cells)[:5])
empty = Life(3, 3)
run("empty", empty)
