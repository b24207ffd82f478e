# A tokenizer and a sales report built on itertools, whose call-backs wait: groupby()
# keys ask a character-class service (ask(): a server micro_thread under pyvm),
# takewhile()/dropwhile()/filterfalse() predicates pause, starmap() and accumulate()
# functions ask, and islice()/chain()/zip_longest()/pairwise()/compress() read
# generators that pause between items. Several inputs are processed at once, one
# micro_thread each; the results are printed in input order.
import itertools
from mtcompat import spawn_all, outcome, attempt, ask, pause, nap

SOURCES = [
    "total = price * 12 + tax",
    "if x1 >= 42: y = x1",
    "print ( 'hi' )",
    "a=b",
]


def char_class(c):
    return ask(c, lambda c: "word" if c.isalnum() or c in "_'" else
               "space" if c.isspace() else "op")


def not_space(c):
    pause()
    return not c.isspace()


def is_space(c):
    pause()
    return c.isspace()


def slow_chars(text):
    for c in text:
        pause()
        yield c


def tokenize(text):
    return [("".join(group), kind) for kind, group in itertools.groupby(text, key=char_class)
            if kind != "space"]


def lex(source):
    return [
        ("tokens", attempt(lambda: [t for t, _ in tokenize(source)])),
        ("kinds", attempt(lambda: "".join(k[0] for _, k in tokenize(source)))),
        ("first word", attempt(lambda: "".join(itertools.takewhile(not_space, source)))),
        ("after it", attempt(lambda: "".join(itertools.dropwhile(not_space, source)).strip())),
        ("no spaces", attempt(lambda: "".join(itertools.filterfalse(is_space, source)))),
        ("groups of a generator", attempt(lambda: [k for k, _ in itertools.groupby(slow_chars(source), key=is_space)].count(False))),
        ("first 5 (islice)", attempt(lambda: "".join(itertools.islice(slow_chars(source), 5)))),
        ("every 3rd", attempt(lambda: "".join(itertools.islice(slow_chars(source), 0, None, 3)))),
        ("letter pairs", attempt(lambda: sum(1 for a, b in itertools.pairwise(slow_chars(source))
                                             if a.isalpha() and b.isalpha()))),
        ("vowels (compress)", attempt(lambda: "".join(itertools.compress(slow_chars(source),
                                                                           (ask(c) in "aeiou" for c in source))))),
    ]


for source, thread in zip(SOURCES, spawn_all(lex, SOURCES)):
    print("source:", repr(source))
    for what, value in outcome(thread):
        print("  %-22s %s" % (what + ":", value))


SALES = {
    "mon": [("pens", 3, 2), ("ink", 1, 9), ("pads", 2, 4)],
    "tue": [("pens", 10, 2)],
    "wed": [("ink", 2, 9), ("ink", 1, 9), ("pens", 1, 2), ("clips", 50, 0)],
}


def line_total(item, qty, price):
    nap()
    return ask(qty * price)


def bigger(a, b):
    return a if ask(a) >= b else b


def day_units(day):
    for _, qty, _ in SALES[day]:
        pause()
        yield qty


def day_report(day):
    rows = SALES[day]
    return [
        ("line totals", attempt(lambda: list(itertools.starmap(line_total, rows)))),
        ("running total", attempt(lambda: list(itertools.accumulate(itertools.starmap(line_total, rows))))),
        ("running max", attempt(lambda: list(itertools.accumulate((q for _, q, _ in rows), bigger)))),
        ("running units", attempt(lambda: list(itertools.accumulate(day_units(day), initial=100)))),
        ("units, padded", attempt(lambda: list(itertools.zip_longest(day_units(day), "abc", fillvalue="-")))),
        ("units of two days", attempt(lambda: list(itertools.chain(day_units(day), day_units("tue"))))),
        ("by item", attempt(lambda: [(k, len(list(g))) for k, g in
                                     itertools.groupby(sorted(r[0] for r in rows), key=lambda n: ask(n))])),
    ]


for day, thread in zip(SALES, spawn_all(day_report, list(SALES))):
    print("day:", day)
    for what, value in outcome(thread):
        print("  %-22s %s" % (what + ":", value))
