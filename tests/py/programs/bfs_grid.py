GRID = [
    "S..#......",
    ".#.#.####.",
    ".#...#....",
    ".####.#.#.",
    "......#.#E",
]

def neighbors(r, c):
    for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        nr, nc = r + dr, c + dc
        if 0 <= nr < len(GRID) and 0 <= nc < len(GRID[0]) and GRID[nr][nc] != "#":
            yield_list = None
            yield_list = (nr, nc)
            NEIGH.append(yield_list)

def find(ch):
    for r, row in enumerate(GRID):
        c = row.find(ch)
        if c >= 0:
            return r, c

start, end = find("S"), find("E")
prev = {start: None}
queue = [start]
head = 0
while head < len(queue):
    cur = queue[head]
    head += 1
    if cur == end:
        break
    NEIGH = []
    neighbors(*cur)
    for n in NEIGH:
        if n not in prev:
            prev[n] = cur
            queue.append(n)

path = []
node = end
while node is not None:
    path.append(node)
    node = prev[node]
path.reverse()
print("steps:", len(path) - 1)
canvas = [list(row) for row in GRID]
for r, c in path[1:-1]:
    canvas[r][c] = "*"
for row in canvas:
    print("".join(row))
print("visited:", len(prev))
