# Set-theoretic naturals (von Neumann: n = {0, 1, ..., n-1}) and a memo table keyed
# by frozensets of frozensets, as a small proof checker or a state-space search
# keeps them. Each numeral holds all the smaller ones, so its hash must not be
# computed again through every level: a frozenset's hash is computed once.


def numerals(n):
    nums = [frozenset()]
    for _ in range(n - 1):
        nums.append(frozenset(nums))
    return nums


nums = numerals(40)
index = {num: i for i, num in enumerate(nums)}
print("numerals:", len(index), "distinct hashes:", len({hash(n) for n in nums}))
print("3 is", sorted(index[m] for m in nums[3]))
print("successor of 7 is 8:", index[nums[7] | {nums[7]}] == 8)
print("7 < 9 (membership):", nums[7] in nums[9], nums[9] in nums[7])
print("7 <= 9 (subset):", nums[7] <= nums[9], nums[7] < nums[7])

# A memo of unions keyed by pairs of numerals.
memo = {}
for a in range(0, 40, 3):
    for b in range(0, 40, 5):
        key = frozenset({nums[a], nums[b]})
        memo[key] = index[nums[a] | nums[b]]
print("memo entries:", len(memo), "max(12, 35) =", memo[frozenset({nums[12], nums[35]})])

# A hash computed once stays right for equal frozensets built other ways, and a
# set made from a hashed frozenset starts afresh when it changes.
five = nums[5]
h = hash(five)
rebuilt = frozenset(list(five))
print("rebuilt equal:", rebuilt == five, hash(rebuilt) == h)
grown = set(five)
grown.add(nums[5])
print("grown is 6:", frozenset(grown) == nums[6], hash(frozenset(grown)) == hash(nums[6]))
shrunk = set(nums[6])
shrunk.discard(nums[5])
print("shrunk is 5:", frozenset(shrunk) == five, hash(frozenset(shrunk)) == h)
print("frozenset |= makes a new one:", hash(five | {nums[5]}) == hash(nums[6]), hash(five) == h)
