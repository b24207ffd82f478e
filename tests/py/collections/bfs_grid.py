from collections import deque

GRID = [
    "S..#......",
    ".#.#.####.",
    ".#...#....",
    ".####.#.#.",
    "......#.#E",
]

def neighbours(r, c):
    out = []
    for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        nr, nc = r + dr, c + dc
        if 0 <= nr < len(GRID) and 0 <= nc < len(GRID[0]) and GRID[nr][nc] != "#":
            out.append((nr, nc))
    return out

def find(ch):
    for r, row in enumerate(GRID):
        if ch in row:
            return r, row.index(ch)

def bfs(start, goal):
    queue = deque([start])
    came = {start: None}
    steps = 0
    while queue:
        cell = queue.popleft()
        steps += 1
        if cell == goal:
            break
        for nxt in neighbours(*cell):
            if nxt not in came:
                came[nxt] = cell
                queue.append(nxt)
    path = deque()
    cur = goal
    while cur is not None:
        path.appendleft(cur)
        cur = came.get(cur)
    return path, steps

start, goal = find("S"), find("E")
path, steps = bfs(start, goal)
print("start", start, "goal", goal, "expanded", steps)
print("path length", len(path) - 1)
rows = [list(r) for r in GRID]
for r, c in list(path)[1:-1]:
    rows[r][c] = "*"
for row in rows:
    print("".join(row))
print(path[0], path[-1], path[len(path) // 2])
print(deque(list(path)[:3]))
