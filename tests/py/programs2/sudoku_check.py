# Sudoku validator and a small backtracking solver.

PUZZLE = """
53..7....
6..195...
.98....6.
8...6...3
4..8.3..1
7...2...6
.6....28.
...419..5
....8..79
"""


def parse(text):
    rows = [line.strip() for line in text.strip().splitlines()]
    if len(rows) != 9 or any([len(r) != 9 for r in rows]):
        raise ValueError("need 9 rows of 9 cells")
    return [[0 if ch == "." else int(ch) for ch in row] for row in rows]


def units():
    rows = [[(r, c) for c in range(9)] for r in range(9)]
    cols = [[(r, c) for r in range(9)] for c in range(9)]
    boxes = [[(br + r, bc + c) for r in range(3) for c in range(3)]
             for br in range(0, 9, 3) for bc in range(0, 9, 3)]
    return [("row", i, u) for i, u in enumerate(rows)] + \
           [("col", i, u) for i, u in enumerate(cols)] + \
           [("box", i, u) for i, u in enumerate(boxes)]


UNITS = units()


def problems(grid):
    found = []
    for kind, idx, cells in UNITS:
        seen = {}
        for r, c in cells:
            v = grid[r][c]
            if v == 0:
                continue
            if v in seen:
                found.append(f"{kind} {idx}: {v} at {seen[v]} and {(r, c)}")
            else:
                seen[v] = (r, c)
    return found


def candidates(grid, r, c):
    used = set(grid[r]) | {grid[i][c] for i in range(9)}
    br, bc = 3 * (r // 3), 3 * (c // 3)
    used |= {grid[br + i][bc + j] for i in range(3) for j in range(3)}
    return [v for v in range(1, 10) if v not in used]


def solve(grid, stats):
    best = None
    for r in range(9):
        for c in range(9):
            if grid[r][c] == 0:
                cands = candidates(grid, r, c)
                if best is None or len(cands) < len(best[2]):
                    best = (r, c, cands)
    if best is None:
        return True
    r, c, cands = best
    for v in cands:
        stats["tries"] += 1
        grid[r][c] = v
        if solve(grid, stats):
            return True
    grid[r][c] = 0
    stats["backtracks"] += 1
    return False


def show(grid):
    out = []
    for r, row in enumerate(grid):
        if r and r % 3 == 0:
            out.append("------+-------+------")
        cells = [str(v) if v else "." for v in row]
        out.append(" | ".join([" ".join(cells[i:i + 3]) for i in range(0, 9, 3)]))
    return "\n".join(out)


grid = parse(PUZZLE)
print("problems:", problems(grid))
print("candidates at (0,2):", candidates(grid, 0, 2))
stats = {"tries": 0, "backtracks": 0}
print("solved:", solve(grid, stats), stats)
print(show(grid))
print("problems after:", problems(grid))
print("row sums:", [sum(r) for r in grid])

bad = parse(PUZZLE)
bad[0][2] = 5
bad[4][4] = 8
for p in problems(bad):
    print("  ", p)
try:
    parse("123\n456")
except ValueError as e:
    print("ValueError:", e)
