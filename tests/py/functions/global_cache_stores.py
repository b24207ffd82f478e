# Functions reading globals and builtins while the module stores into, adds, removes
# and replaces names: every read sees the current value.
import builtins

total = 0
scale = 2


def bump(x):
    return total + x * scale


def length(s):
    return len(s)


for i in range(5):
    total = bump(i)  # a store to an existing global between cached reads
    if i == 2:
        scale = 10
print(total)

# Names added and removed around a cached slot (holes, then a compaction).
for n in range(40):
    globals()["tmp%d" % n] = n
print(bump(1))
for n in range(40):
    del globals()["tmp%d" % n]
print(bump(1), length("abcd"))

# Replacing a builtin in the builtins module, then restoring it.
real_len = builtins.len
builtins.len = lambda s: 1000
print(length("ab"))
builtins.len = real_len
print(length("ab"))

# Through the globals dict: update, pop and put back, clear-like rebinding.
g = globals()
g["scale"] = 3
print(bump(1))
saved = g.pop("scale")
try:
    bump(1)
except NameError as e:
    print("NameError:", e)
g["scale"] = saved + 1
print(bump(1))
g.update(total=100, scale=5)
print(bump(1))


def shadow():
    return len("xyz")


print(shadow())
g["len"] = lambda s: -5
print(shadow())
del g["len"]
print(shadow())
