# A file-system-like tree whose size computation hits a cycle: the program
# reports sizes of a sane tree, then dies with an uncaught RecursionError.

class Node:
    def __init__(self, name, size=0):
        self.name = name
        self.own = size
        self.children = []

    def add(self, *nodes):
        self.children.extend(nodes)
        return self

    def total(self):
        return self.own + sum([c.total() for c in self.children])

    def render(self, depth=0):
        lines = [f"{'  ' * depth}{self.name} ({self.total()})"]
        for c in sorted(self.children, key=lambda n: n.name):
            lines.extend(c.render(depth + 1))
        return lines


root = Node("/").add(
    Node("etc").add(Node("hosts", 120), Node("passwd", 2048)),
    Node("home").add(Node("ann").add(Node("notes.txt", 5000), Node("photo.jpg", 250000))),
    Node("tmp"),
)
print("\n".join(root.render()))
loop = Node("loop", 1)
loop.add(Node("inner", 2).add(loop))
try:
    loop.total()
except RecursionError as e:
    print("RecursionError:", e)
print(loop.total())
