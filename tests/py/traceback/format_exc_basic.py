import traceback

def parse(text):
    return int(text)

def load(values):
    return [parse(v) for v in values]

try:
    load(["1", "2", "x3"])
except ValueError:
    text = traceback.format_exc()
    print(text, end="")
    print("---")
    print(repr(text.splitlines()[-1]))

def outer():
    try:
        {}["missing"]
    except KeyError:
        return traceback.format_exc()

print(outer(), end="")
print("---")
try:
    raise RuntimeError("boom")
except RuntimeError:
    import sys
    traceback.print_exc(file=sys.stdout)
print("after")
