# A global read in a loop sees every rebinding, deletion and shadowing of the name,
# in the module's globals and in the builtins.


def show():
    return len("abc"), counter


counter = 0
seen = []
for step in range(6):
    seen.append(show())
    counter += 1
    if step == 1:
        len = lambda s: -1  # shadow the builtin
    if step == 3:
        del len  # back to the builtin
print(seen)


def helper():
    return "first"


def call_helper():
    return helper()


out = [call_helper()]


def helper():
    return "second"


out.append(call_helper())
del helper
try:
    call_helper()
except NameError as e:
    out.append(str(e))
helper = lambda: "a lambda"
out.append(call_helper())
print(out)


def uses_max():
    return max(3, 4)


results = []
for round_ in range(3):
    results.append(uses_max())
    if round_ == 0:
        max = min
    elif round_ == 1:
        del max
print(results)
