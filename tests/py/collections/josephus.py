from collections import deque

def josephus(n, k):
    circle = deque(range(1, n + 1))
    order = []
    while circle:
        circle.rotate(-(k - 1))
        order.append(circle.popleft())
    return order

for n, k in [(7, 3), (10, 2), (5, 1), (1, 5), (41, 3)]:
    out = josephus(n, k)
    print(n, k, out[-1], out[:8])

d = deque("abcdef")
for step in [1, -2, 6, -7, 0, 13]:
    d.rotate(step)
    print(step, "".join(d))
