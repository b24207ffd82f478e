# PEP 479: a StopIteration escaping a generator's frame becomes RuntimeError, chained
# to it as its cause.

def firsts(iterables):
    for it in iterables:
        it = iter(it)
        yield next(it)


print(list(firsts(["ab", [1, 2]])))
try:
    list(firsts(["ab", []]))
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", type(e.__cause__).__name__)


def explicit():
    yield 1
    raise StopIteration("explicit")


for x in explicit():
    print(x)
