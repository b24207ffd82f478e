# Semantic versions ordered with functools.total_ordering, parsed by hand,
# plus a requirement matcher; cmp_to_key for a legacy comparison function.
from functools import total_ordering, cmp_to_key


class VersionError(ValueError):
    pass


@total_ordering
class Version:
    __slots__ = ("major", "minor", "patch", "pre")

    def __init__(self, major, minor=0, patch=0, pre=None):
        self.major, self.minor, self.patch, self.pre = major, minor, patch, pre

    @classmethod
    def parse(cls, text):
        core, _, pre = text.strip().lstrip("v").partition("-")
        parts = core.split(".")
        if not 1 <= len(parts) <= 3 or not all([p.isdigit() for p in parts]):
            raise VersionError(f"bad version {text!r}")
        nums = [int(p) for p in parts] + [0] * (3 - len(parts))
        return cls(*nums, pre=pre or None)

    def _key(self):
        # a pre-release sorts before the release itself
        return (self.major, self.minor, self.patch, self.pre is None, self.pre or "")

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() == other._key()

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self._key() < other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        s = f"{self.major}.{self.minor}.{self.patch}"
        return s + (f"-{self.pre}" if self.pre else "")

    def bump(self, part):
        if part == "major":
            return Version(self.major + 1)
        if part == "minor":
            return Version(self.major, self.minor + 1)
        if part == "patch":
            return Version(self.major, self.minor, self.patch + 1)
        raise ValueError(f"unknown part {part!r}")


OPS = {
    ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    "<": lambda a, b: a < b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}


def matches(version, spec):
    for clause in spec.split(","):
        clause = clause.strip()
        for op in (">=", "<=", "==", "!=", ">", "<"):
            if clause.startswith(op):
                if not OPS[op](version, Version.parse(clause[len(op):])):
                    return False
                break
        else:
            raise VersionError(f"bad clause {clause!r}")
    return True


versions = [Version.parse(s) for s in
            ["1.0.0", "0.9", "1.0.0-rc1", "1.0.0-alpha", "2", "1.10.0", "1.2.3", "v1.2"]]
print(sorted(versions))
print(max(versions), min(versions), len(set(versions + [Version(2)])))
print(Version(1) <= Version(1, 0, 0), Version(1, 2) > Version(1, 1, 9), Version(1) >= Version(1, 0, 1))
print(Version.parse("1.0.0-rc1") < Version(1), Version(1) == "1.0.0", Version(1) != Version(1, 0))
for spec in [">=1.0, <2", "==1.2.3", ">0.9,!=1.10.0", "<1.0.0"]:
    print(f"{spec:15}", [v for v in sorted(versions) if matches(v, spec)])
print(Version(1, 9, 9).bump("minor"), Version(1, 9, 9).bump("major"), Version(1, 9, 9).bump("patch"))
for bad in ["1.x", "", "1.2.3.4", "~1.0"]:
    try:
        print(Version.parse(bad) if not bad.startswith("~") else matches(Version(1), bad))
    except VersionError as e:
        print("VersionError:", e, isinstance(e, ValueError))
try:
    Version(1) < 3
except TypeError as e:
    print("TypeError:", e)
try:
    Version(1).bump("micro")
except ValueError as e:
    print("ValueError:", e)


def legacy_cmp(a, b):
    # shorter names first, then reverse alphabetical
    if len(a) != len(b):
        return len(a) - len(b)
    return (a < b) - (a > b)


names = ["delta", "ab", "charlie", "bravo", "zz", "alpha", "x"]
print(sorted(names, key=cmp_to_key(legacy_cmp)))
print(sorted(names, key=cmp_to_key(lambda a, b: legacy_cmp(b, a))))
print(Version.__le__.__name__, Version.__gt__.__name__, "__ge__" in vars(Version))
