def step(cells, w, h):
    new = set()
    for r in range(h):
        for c in range(w):
            n = 0
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    if (dr or dc) and ((r + dr) % h, (c + dc) % w) in cells:
                        n += 1
            if n == 3 or (n == 2 and (r, c) in cells):
                new.add((r, c))
    return new

def show(cells, w, h):
    for r in range(h):
        print("".join(["#" if (r, c) in cells else "." for c in range(w)]))
    print()

glider = {(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)}
w, h = 8, 6
cells = glider
for gen in range(4):
    print("generation", gen)
    show(cells, w, h)
    cells = step(cells, w, h)
print("population", len(cells))
