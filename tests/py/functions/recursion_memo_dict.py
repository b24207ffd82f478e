memo = {}
def ways(n, coins):
    key = (n, len(coins))
    if key in memo:
        return memo[key]
    if n == 0:
        return 1
    if n < 0 or not coins:
        return 0
    result = ways(n - coins[0], coins) + ways(n, coins[1:])
    memo[key] = result
    return result

print(ways(100, [50, 25, 10, 5, 1]), len(memo))

def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]

for a, b in [("kitten", "sitting"), ("flaw", "lawn"), ("", "abc"), ("same", "same")]:
    print(a, b, edit_distance(a, b))

def lcs(a, b):
    table = [[""] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            if a[i] == b[j]:
                table[i][j] = a[i] + table[i + 1][j + 1]
            else:
                table[i][j] = max(table[i + 1][j], table[i][j + 1], key=len)
    return table[0][0]

print(lcs("AGGTAB", "GXTXAYB"), lcs("abc", "def"))
