# A job queue kept as a dict (insertion order = submission order), drained from the
# newest end with popitem() while new jobs keep arriving, as a LIFO scheduler does.
# popitem must stay O(1): emptying 100k entries must not walk the removed ones.

jobs = {}
for n in range(100000):
    jobs["job-%d" % n] = n * 3

done = 0
checksum = 0
order = []
while jobs:
    name, cost = jobs.popitem()
    done += 1
    checksum = (checksum * 31 + cost) % 1000003
    if len(order) < 5:
        order.append(name)
    # every 1000th job spawns a follow-up, which is popped next (LIFO)
    if done % 1000 == 0 and not name.startswith("follow"):
        jobs["follow-up-of-" + name] = 1
print("done:", done, "checksum:", checksum)
print("first popped:", order)

# Interleaved pops and inserts keep the order CPython gives.
d = dict.fromkeys("abcdef", 0)
d.popitem()
d.popitem()
d["x"] = 1
d.popitem()
d["y"] = 2
d["z"] = 3
print(list(d.items()))
print(d.popitem(), d.popitem(), list(d))
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
