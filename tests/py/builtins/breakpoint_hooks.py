"""A debugging switch for a batch job: breakpoint() goes through
sys.breakpointhook, which honours $PYTHONBREAKPOINT (never a real pdb session)."""
import os
import sys
import warnings

print(sys.breakpointhook is sys.__breakpointhook__)
print(sys.breakpointhook, sys.__breakpointhook__)

calls = []


def recorder(*args, **kws):
    calls.append((args, kws))
    return "recorded"


def process(batch):
    total = 0
    for n in batch:
        if n < 0:
            print("breakpoint() ->", breakpoint("negative", n, where="process"))
        total += n
    return total


sys.breakpointhook = recorder
print(process([1, -2, 3]))
print(calls)

sys.breakpointhook = sys.__breakpointhook__
os.environ["PYTHONBREAKPOINT"] = "0"
print("disabled:", breakpoint())

os.environ["PYTHONBREAKPOINT"] = "json.dumps"
print("json.dumps hook:", breakpoint({"a": [1, 2]}, sort_keys=True))

os.environ["PYTHONBREAKPOINT"] = "len"
print("builtin hook:", breakpoint("abcd"))

os.environ["PYTHONBREAKPOINT"] = "os.path.join"
print("dotted module:", breakpoint("a", "b"))

for bad in ["no_such_module_xyz.hook", "json.no_such_function", ".leading", "nosuchbuiltin"]:
    os.environ["PYTHONBREAKPOINT"] = bad
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = breakpoint()
    print(repr(bad), r, [(w.category.__name__, str(w.message)) for w in caught])

os.environ["PYTHONBREAKPOINT"] = "0"
del sys.breakpointhook
try:
    breakpoint()
except RuntimeError as e:
    print("RuntimeError:", e)
sys.breakpointhook = sys.__breakpointhook__
print(breakpoint)
