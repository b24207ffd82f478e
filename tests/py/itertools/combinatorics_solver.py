from itertools import permutations, combinations, combinations_with_replacement, product

# SEND + MORE = MONEY is too slow for a test; solve TO + GO = OUT instead.
letters = "TOGU"
solutions = []
for digits in permutations(range(10), len(letters)):
    v = dict(zip(letters, digits))
    if v["T"] == 0 or v["G"] == 0 or v["O"] == 0:
        continue
    to = v["T"] * 10 + v["O"]
    go = v["G"] * 10 + v["O"]
    out = v["O"] * 100 + v["U"] * 10 + v["T"]
    if to + go == out:
        solutions.append((to, go, out))
print("TO + GO = OUT:", solutions)

# Seating plans where Ann and Bob do not sit together.
people = ["Ann", "Bob", "Cy", "Di"]
ok = [p for p in permutations(people)
      if abs(p.index("Ann") - p.index("Bob")) != 1]
print(len(ok), "of", len(list(permutations(people))))
print(ok[:3])

# Subsets of coins that make 50.
coins = [5, 10, 20, 25, 40]
for r in range(1, len(coins) + 1):
    for combo in combinations(coins, r):
        if sum(combo) == 50:
            print("coins", combo)

# Ways to spend exactly 6 with prices 1, 2, 3 (repeats allowed, order ignored).
prices = [1, 2, 3]
for n in range(1, 7):
    for combo in combinations_with_replacement(prices, n):
        if sum(combo) == 6:
            print("buy", combo)

# Two dice: distribution of totals.
totals = {}
for a, b in product(range(1, 7), repeat=2):
    totals[a + b] = totals.get(a + b, 0) + 1
print(totals)
print(list(product("ab", [0, 1])))
print(list(product("ab", repeat=0)), list(product()), list(product([], "x")))
