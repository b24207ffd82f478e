from functools import lru_cache, cache

@lru_cache(maxsize=None)
def edit_distance(a, b):
    if not a:
        return len(b)
    if not b:
        return len(a)
    if a[0] == b[0]:
        return edit_distance(a[1:], b[1:])
    return 1 + min(edit_distance(a[1:], b), edit_distance(a, b[1:]), edit_distance(a[1:], b[1:]))

for x, y in [("kitten", "sitting"), ("flaw", "lawn"), ("intention", "execution"), ("", "abc")]:
    print(x, y, edit_distance(x, y))
print(edit_distance.cache_info().hits > 0, edit_distance.cache_info().maxsize)

ITEMS = [(12, 4), (2, 2), (1, 1), (4, 10), (1, 2)]

@cache
def knapsack(i, room):
    if i == len(ITEMS):
        return 0
    weight, value = ITEMS[i]
    best = knapsack(i + 1, room)
    if weight <= room:
        best = max(best, value + knapsack(i + 1, room - weight))
    return best

print("knapsack", knapsack(0, 15), knapsack.cache_info())

@lru_cache
def ways(n, coins=(1, 2, 5)):
    if n == 0:
        return 1
    if n < 0 or not coins:
        return 0
    return ways(n - coins[0], coins) + ways(n, coins[1:])

print("ways", ways(100), ways.cache_info().currsize)

@lru_cache(maxsize=128)
def collatz(n):
    if n == 1:
        return 0
    return 1 + collatz(n // 2 if n % 2 == 0 else 3 * n + 1)

best = max(range(1, 3000), key=collatz)
print("collatz", best, collatz(best))
info = collatz.cache_info()
print(info.maxsize, info.currsize, info.hits + info.misses > 3000, type(info).__name__)
collatz.cache_clear()
print(collatz.cache_info())
