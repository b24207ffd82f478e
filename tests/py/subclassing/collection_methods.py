# Containers that subclass list, dict and str and call their inherited methods in
# hot loops (deltablue's OrderedCollection style), next to class attributes that are
# built-in functions, overrides, class methods and instance attributes that shadow.


class OrderedCollection(list):
    size = len
    push = list.append

    def total(self):
        return sum(self)


class Counts(dict):
    def __missing__(self, key):
        return 0


class Tag(str):
    pass


class Doubling(list):
    def append(self, x):
        super().append(x * 2)


jobs = OrderedCollection([1, 2])
for i in range(5):
    jobs.append(i)
    jobs.push(10)
jobs.extend([7, 8])
jobs.insert(0, -1)
print(jobs, jobs.size(jobs), jobs.total(), jobs.count(10), jobs.index(2), jobs.pop(), jobs.pop(0))
jobs.sort(reverse=True)
print(jobs[:4], len(jobs))

counts = Counts(a=1)
for word in "the cat and the hat".split():
    counts[word] = counts[word] + 1
    counts.setdefault("seen", 0)
print(sorted(counts.items()), counts.get("zzz"), counts["zzz"])
print(Counts.fromkeys("xy"), counts.fromkeys("pq", 1), type(counts.fromkeys("r")).__name__)

tag = Tag("web,db,cache")
print(tag.split(","), tag.upper(), tag.startswith("web"), tag.replace(",", "|"))

doubled = Doubling()
for i in range(4):
    doubled.append(i)
print(doubled)

# An instance attribute shadows the inherited method from then on.
jobs.append = lambda x: print("shadowed append", x)
jobs.append(99)
del jobs.append
jobs.append(100)
print(jobs[-1])
