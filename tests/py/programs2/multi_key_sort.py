# Sorting with key functions: stable multi-pass sorts, mixed directions,
# case-insensitive keys, None last, and sorting objects by attributes.

people = [
    ("alice", "Engineering", 34, 120000, "2019-03-01"),
    ("Bob", "marketing", 28, 85000, "2021-07-15"),
    ("carol", "Engineering", 45, 150000, "2012-01-09"),
    ("dave", "Sales", 34, 70000, None),
    ("Eve", "sales", 23, 70000, "2023-02-28"),
    ("frank", "Marketing", 51, 99000, "2008-11-30"),
    ("Grace", "engineering", 34, 120000, "2020-05-05"),
    ("heidi", "Sales", 45, 88000, "2015-09-17"),
]

print("by age, then name (case-insensitive):")
for p in sorted(people, key=lambda p: (p[2], p[0].lower())):
    print("  ", p[0], p[2])

print("dept asc, salary desc (two stable passes):")
tmp = sorted(people, key=lambda p: p[3], reverse=True)
tmp = sorted(tmp, key=lambda p: p[1].lower())
for p in tmp:
    print(f"   {p[1].lower():<12}{p[3]:>8,} {p[0]}")

print("same in one pass with a negated numeric key:")
print("  ", [p[0] for p in sorted(people, key=lambda p: (p[1].lower(), -p[3]))] ==
      [p[0] for p in tmp])

print("hire date, None last:")
print("  ", [p[0] for p in sorted(people, key=lambda p: (p[4] is None, p[4] or ""))])

print("stability: equal keys keep input order")
print("  ", [p[0] for p in sorted(people, key=lambda p: p[2])])
print("  ", [p[0] for p in sorted(people, key=lambda p: p[2], reverse=True)])


class Employee:
    def __init__(self, row):
        self.name, self.dept, self.age, self.salary, self.hired = row
        self.dept = self.dept.capitalize()

    def __repr__(self):
        return self.name


staff = [Employee(r) for r in people]
staff.sort(key=lambda e: e.name.lower())
print(staff)
staff.sort(key=lambda e: e.dept)
print(staff)
print(max(staff, key=lambda e: (e.salary, e.name)), min(staff, key=lambda e: e.age))


def natural_key(s):
    parts, num = [], ""
    for ch in s:
        if ch.isdigit():
            num += ch
        else:
            if num:
                parts.append((0, int(num), ""))
                num = ""
            parts.append((1, 0, ch.lower()))
    if num:
        parts.append((0, int(num), ""))
    return parts


files = ["file10.txt", "file2.txt", "File1.txt", "file1b.txt", "file01.txt", "img12", "img2", "IMG3"]
print(sorted(files))
print(sorted(files, key=str.lower))
print(sorted(files, key=natural_key))
words = "banana Apple cherry apple Banana date Cherry".split()
print(sorted(words), sorted(words, key=str.casefold), sorted(set(words), key=lambda w: (len(w), w)))
grid = [[3, 1], [1, 2], [3, 0], [1, 1], [2, 9]]
grid.sort()
print(grid, sorted(grid, key=lambda r: r[1]), sorted(map(tuple, grid), reverse=True)[:2])
try:
    sorted([1, "two", 3.0])
except TypeError as e:
    print("TypeError:", e)
try:
    sorted([Employee(people[0]), Employee(people[1])])
except TypeError as e:
    print("TypeError:", e)
print(sorted({"b": 2, "a": 3, "c": 1}.items(), key=lambda kv: kv[1]))
print(sorted(range(-5, 6), key=abs), sorted("Hello World", key=lambda c: (c.isupper(), c)))
