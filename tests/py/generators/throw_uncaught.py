# throw() into a chain of suspended generators; nobody catches it, so the traceback
# runs from the throw() call down to the innermost yield.

def leaf():
    while True:
        yield "leaf"


def branch():
    yield from leaf()


def root():
    yield "root"
    yield from branch()


g = root()
print(next(g), next(g))
g.throw(LookupError("thrown from outside"))
