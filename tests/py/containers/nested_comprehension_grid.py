N = 5
grid = [[(r * N + c) % 7 for c in range(N)] for r in range(N)]
for row in grid:
    print(" ".join([str(v) for v in row]))
print("diag:", [grid[i][i] for i in range(N)])
print("anti:", [grid[i][N - 1 - i] for i in range(N)])
print("col sums:", [sum([grid[r][c] for r in range(N)]) for c in range(N)])
print("where zero:", [(r, c) for r in range(N) for c in range(N) if grid[r][c] == 0])
counts = {v: sum([row.count(v) for row in grid]) for v in range(7)}
print(counts)
flat_sorted = sorted({v for row in grid for v in row})
print(flat_sorted)
