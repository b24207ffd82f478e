import itertools as it

cases = [
    ("count('a')", lambda: it.count("a")),
    ("count(1, 'x')", lambda: it.count(1, "x")),
    ("count(1, 2, 3)", lambda: it.count(1, 2, 3)),
    ("count(x=1)", lambda: it.count(x=1)),
    ("islice([1])", lambda: it.islice([1])),
    ("islice([1], 1, 2, 3, 4)", lambda: it.islice([1], 1, 2, 3, 4)),
    ("islice(5, 2)", lambda: it.islice(5, 2)),
    ("repeat()", lambda: it.repeat()),
    ("repeat(1, 'a')", lambda: it.repeat(1, "a")),
    ("repeat(1, 2, 3)", lambda: it.repeat(1, 2, 3)),
    ("chain(x=1)", lambda: it.chain(x=1)),
    ("chain.from_iterable(5)", lambda: it.chain.from_iterable(5)),
    ("cycle()", lambda: it.cycle()),
    ("cycle(1)", lambda: it.cycle(1)),
    ("product(1)", lambda: it.product(1)),
    ("product([1], repeat=-1)", lambda: it.product([1], repeat=-1)),
    ("product([1], foo=1)", lambda: it.product([1], foo=1)),
    ("permutations()", lambda: it.permutations()),
    ("permutations([1], -1)", lambda: it.permutations([1], -1)),
    ("permutations([1], 'a')", lambda: it.permutations([1], "a")),
    ("combinations([1])", lambda: it.combinations([1])),
    ("combinations([1], -1)", lambda: it.combinations([1], -1)),
    ("combinations_with_replacement([1], -2)", lambda: it.combinations_with_replacement([1], -2)),
    ("groupby()", lambda: it.groupby()),
    ("groupby([1], 2, 3)", lambda: it.groupby([1], 2, 3)),
    ("accumulate()", lambda: it.accumulate()),
    ("accumulate([1], x=2)", lambda: it.accumulate([1], x=2)),
    ("zip_longest(1)", lambda: it.zip_longest(1)),
    ("zip_longest([1], x=2)", lambda: it.zip_longest([1], x=2)),
    ("takewhile(len)", lambda: it.takewhile(len)),
    ("dropwhile()", lambda: it.dropwhile()),
    ("starmap(len)", lambda: it.starmap(len)),
    ("compress([1])", lambda: it.compress([1])),
    ("filterfalse(None)", lambda: it.filterfalse(None)),
    ("pairwise()", lambda: it.pairwise()),
    ("len(count())", lambda: len(it.count())),
    ("count().start", lambda: it.count().start),
    ("count()[0]", lambda: it.count()[0]),
]
for text, f in cases:
    try:
        f()
        print(text, "-> no error")
    except Exception as e:
        print("%s -> %s: %s" % (text, type(e).__name__, e))
print(type(it.count()), type(it.chain()), type(it.groupby("")))
print(iter(it.count()) is not None, callable(it.chain.from_iterable))
