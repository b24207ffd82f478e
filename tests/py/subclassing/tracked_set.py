# A set that records what was added and removed, and a frozenset made from arguments.


class TrackedSet(set):
    def __init__(self, items=()):
        super().__init__(items)
        self.log = []

    def add(self, item):
        if item not in self:
            self.log.append(("add", item))
        super().add(item)

    def discard(self, item):
        if item in self:
            self.log.append(("discard", item))
        super().discard(item)

    def update(self, *others):
        for other in others:
            for item in other:
                self.add(item)


s = TrackedSet([3, 1])
s.add(2)
s.add(1)
s.update([5, 6], (2, 7))
s.discard(3)
s.discard(99)
print(s, sorted(s), len(s), s.log)
print(type(s).__name__, isinstance(s, set), 5 in s, 3 in s, bool(s), bool(TrackedSet()))
print(s | {100}, s & {1, 2, 3}, s - {1}, s ^ {1, 50}, type(s | {100}).__name__)
print(s == {1, 2, 5, 6, 7}, s <= {1, 2, 5, 6, 7, 8}, s > {1}, s.issubset(range(10)), s.isdisjoint({0}))
print(sorted(s.union([0])), s.intersection({6, 7, 8}), s.copy(), type(s.copy()).__name__)
print(sum(s), max(s), min(s), sorted(s, reverse=True), list(map(lambda x: x * 10, sorted(s))))
s |= {8}
print(s, type(s).__name__, s.log[-1:])
s.remove(8)
print(s.pop() in {1, 2, 5, 6, 7}, len(s))
s.clear()
print(s, repr(s), len(s.log))
try:
    hash(s)
except TypeError as e:
    print("TypeError:", e)
try:
    {s: 1}
except TypeError as e:
    print("TypeError:", e)


class Roles(frozenset):
    def __new__(cls, *names):
        return super().__new__(cls, (n.lower() for n in names))

    def __repr__(self):
        return f"Roles({', '.join(sorted(self))})"

    def allows(self, role):
        return role.lower() in self or "admin" in self


admin = Roles("Admin")
editors = Roles("editor", "Viewer", "EDITOR")
print(admin, editors, len(editors), sorted(editors), editors.allows("viewer"), admin.allows("x"))
print(editors == frozenset({"editor", "viewer"}), hash(editors) == hash(frozenset({"viewer", "editor"})))
table = {editors: "team-1", admin: "root"}
print(table[frozenset(["viewer", "editor"])], table[Roles("ADMIN")], sorted(table.values()))
print(sorted(editors | {"guest"}), type(editors | {"guest"}).__name__, editors & {"editor"}, editors - {"viewer"})
print(str(editors), f"{admin}", Roles(), type(Roles()).__name__, bool(Roles()), {Roles("a"), Roles("A")} == {Roles("a")})
print(sorted({Roles("x", "y"), Roles("y", "X"), Roles("z")}, key=sorted))
