# An IntFlag-style permission set built on int.


class Perm(int):
    NAMES = ("READ", "WRITE", "EXEC")

    def __new__(cls, value=0):
        if isinstance(value, str):
            bits = 0
            for part in value.split("|"):
                bits |= 1 << cls.NAMES.index(part.strip().upper())
            value = bits
        if not 0 <= value < 1 << len(cls.NAMES):
            raise ValueError(f"{value} is not a valid {cls.__name__}")
        return super().__new__(cls, value)

    def __or__(self, other):
        if isinstance(other, int):
            return type(self)(int(self) | int(other))
        return NotImplemented

    __ror__ = __or__

    def __and__(self, other):
        return type(self)(int(self) & int(other))

    def __invert__(self):
        return type(self)(~int(self) & ((1 << len(self.NAMES)) - 1))

    def __contains__(self, other):
        return int(self) & int(other) == int(other)

    def __iter__(self):
        for i, name in enumerate(self.NAMES):
            if self & (1 << i):
                yield name

    def __str__(self):
        return "|".join(self) or "NONE"

    def __repr__(self):
        return f"<{type(self).__name__}.{self}: {int(self)}>"


READ, WRITE, EXEC = Perm(1), Perm(2), Perm(4)
rw = READ | WRITE
print(rw, repr(rw), int(rw), type(rw).__name__)
print(WRITE in rw, EXEC in rw, list(rw), ~rw, repr(~rw))
print(2 | READ, type(2 | READ).__name__, rw & 2, repr(Perm("read | exec")))

# Everything int does, the plain way: arithmetic gives ints.
print(rw + 1, type(rw + 1).__name__, rw * 10, rw << 2, rw >> 1, rw ^ 7, rw % 2, -rw, rw // 2, rw / 2, rw ** 2)
print(rw == 3, rw < 4, rw >= READ, hash(rw) == hash(3), {3: "three"}[rw], {rw: "rw"}[3])
print(bool(Perm(0)), bool(rw), str(Perm(0)), abs(Perm(5)), bin(rw), hex(Perm(7)), oct(Perm(7)))

# Anywhere an int is accepted.
print(list(range(rw)), "ab" * Perm(2), [10, 20, 30, 40][rw], (1, 2, 3)[READ:rw], "xyz"[WRITE])
print(f"{rw:03d}|{rw:b}|{rw:>5}|{rw}|{rw!r}", "%d %x %s %r" % (rw, rw, rw, rw), format(rw, "#06b"))
print(sum([READ, WRITE, EXEC]), max(READ, EXEC), min([EXEC, WRITE]), sorted([EXEC, READ, WRITE]))
print(divmod(Perm(7), 2), round(Perm(5)), pow(Perm(2), 3), chr(Perm(5) + 60), int("7") == Perm(7))
print(rw.bit_length(), rw.real, rw.numerator, rw.to_bytes(2, "big"), isinstance(rw, int), issubclass(Perm, int))
print(sorted({READ: "r", WRITE: "w"}.items()), dict.fromkeys([EXEC, READ]), [p for p in map(Perm, [1, 2])])

# A subclass of the subclass, with an attribute per instance.
class AuditedPerm(Perm):
    def __new__(cls, value=0, who="nobody"):
        self = super().__new__(cls, value)
        self.who = who
        return self


a = AuditedPerm(3, who="alice")
print(a, a.who, repr(a), AuditedPerm.__mro__[1:], vars(a))
b = a | EXEC
print(repr(b), type(b).__name__, b.who)
for bad in (8, "read|admin", -1):
    try:
        Perm(bad)
    except ValueError as e:
        print("ValueError:", e)

# Packed into binary records and JSON like any int.
import json
import struct

record = struct.pack(">HB", rw, EXEC)
print(record, struct.unpack(">HB", record), json.dumps({"perm": rw, "list": [READ, EXEC]}), json.dumps({rw: "x"}))
